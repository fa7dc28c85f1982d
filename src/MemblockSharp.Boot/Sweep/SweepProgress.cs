namespace MemblockSharp.Boot.Sweep;

/// <summary>How far a running sweep has got; read from any thread while <see cref="SweepRunner.Run"/> works.</summary>
public sealed class SweepProgress
{
    private int _done;

    /// <summary>The boots finished so far (booted or failed).</summary>
    public int Done => Volatile.Read(ref _done);

    internal void Advance() => Interlocked.Increment(ref _done);
}
