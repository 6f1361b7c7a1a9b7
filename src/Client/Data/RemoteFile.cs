namespace RobustGrid.Client.Data;

/// <summary>A file to download and the MD5 sum it must have.</summary>
public sealed record RemoteFile(string Name, string Md5);
