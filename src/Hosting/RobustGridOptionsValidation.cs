using Microsoft.Extensions.Options;
using RobustGrid.Grains;

namespace RobustGrid.Hosting;

/// <summary>The "RobustGrid" section checked when the host starts (ValidateOnStart): <see cref="RobustGridOptions.Validate"/>.</summary>
internal sealed class RobustGridOptionsValidation : IValidateOptions<RobustGridOptions>
{
    public ValidateOptionsResult Validate(string? name, RobustGridOptions options)
    {
        IReadOnlyList<string> faults = options.Validate();
        return faults.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(faults);
    }
}
