namespace RobustGrid.Reports.Model;

/// <summary>The columns of one curves.parquet row that the figures draw, for the rows the report keeps.</summary>
internal sealed record CurvePoint(long Seed, int EpsIndex, double AttackEps, double RobustAccuracy, int MisclassifiedCount,
    float? MisclassifiedAbsLogitMedian, float[] MisclassifiedAbsLogitQuantiles);
