namespace RobustGrid.Dashboard.Model;

/// <summary>The page's name for a section of a sweep (dataset, class pair, threat norm), shared by its curves and its table.</summary>
public static class Sections
{
    public static string Label(string dataset, int negative, int positive, string norm) => $"{dataset} {negative} vs {positive}, {norm}";
}
