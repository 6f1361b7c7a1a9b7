namespace RobustGrid.Grains;

/// <summary>How silos find each other (RobustGrid:Clustering).</summary>
public enum ClusteringKind
{
    /// <summary>One machine, no Redis: the default.</summary>
    Localhost,

    /// <summary>Silos anywhere, sharing membership in <see cref="RobustGridOptions.Redis"/>.</summary>
    Redis,

    /// <summary>Redis membership, with the pod's name and the cluster's identity from Orleans' Kubernetes hosting.</summary>
    Kubernetes,
}
