using Orleans.Storage;

namespace RobustGrid.Hosting.Storage;

/// <summary>Options of one named <see cref="FileGrainStorage"/>.</summary>
public sealed class FileGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The directory under which each grain's state is one file; created when the first state is written.</summary>
    public string RootDirectory { get; set; } = "";

    /// <summary>How states become bytes; Orleans' default grain storage serializer unless set.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
