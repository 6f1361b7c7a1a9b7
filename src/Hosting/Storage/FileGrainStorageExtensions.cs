using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace RobustGrid.Hosting.Storage;

/// <summary>Registers <see cref="FileGrainStorage"/> the way Orleans registers its own providers: a keyed <see cref="IGrainStorage"/> per name.</summary>
public static class FileGrainStorageExtensions
{
    /// <summary>
    /// Adds a file grain storage named <paramref name="name"/> under <paramref name="rootDirectory"/>. Its serializer
    /// is Orleans' default grain storage serializer unless <see cref="FileGrainStorageOptions"/> of that name set one.
    /// </summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder silo, string name, string rootDirectory)
    {
        silo.Services.AddOptions<FileGrainStorageOptions>(name).Configure(o => o.RootDirectory = rootDirectory);
        silo.Services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<FileGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<FileGrainStorageOptions>>());
        silo.Services.AddGrainStorage(name, FileGrainStorage.Create);
        return silo;
    }
}
