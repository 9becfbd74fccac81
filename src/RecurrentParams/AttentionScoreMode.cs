namespace RecurrentParams;

/// <summary>How Keras' <c>Attention</c> layer scores a query against the keys (<c>score_mode</c>).</summary>
public enum AttentionScoreMode
{
    /// <summary><c>"dot"</c> (the default): the dot product of query and key.</summary>
    Dot = 0,

    /// <summary><c>"concat"</c>: <c>tanh(query + key)</c> summed, scaled by a learned scalar <c>concat_score_weight</c>.</summary>
    Concat = 1,
}
