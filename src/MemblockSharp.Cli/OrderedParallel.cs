namespace MemblockSharp.Cli;

/// <summary>
/// Independent work on every core with results used in input order: item <c>i</c> is handed on as soon as it and every
/// item before it are done, so output streams in the same order as a one-thread loop would print it.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>Runs <paramref name="work"/> for 0 to <paramref name="count"/> − 1 on all cores; calls <paramref name="consume"/> on this thread, in index order.</summary>
    /// <typeparam name="T">The result of one item.</typeparam>
    /// <param name="count">The number of items.</param>
    /// <param name="work">One item's work (may run on any thread, several at once).</param>
    /// <param name="consume">Takes each result in order, on the calling thread.</param>
    /// <param name="threads">The most items at once; null = one per processor.</param>
    public static void ForEach<T>(int count, Func<int, T> work, Action<int, T> consume, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(consume);
        var slots = new TaskCompletionSource<T>[count];
        for (int i = 0; i < count; i++)
            slots[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        var producer = Task.Run(() => Parallel.For(0, count, options, i =>
        {
            try
            {
                slots[i].SetResult(work(i));
            }
            catch (Exception ex)
            {
                slots[i].SetException(ex);
            }
        }));
        for (int i = 0; i < count; i++)
            consume(i, slots[i].Task.GetAwaiter().GetResult());
        producer.GetAwaiter().GetResult();
    }
}
