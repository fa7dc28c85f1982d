namespace MemblockSharp.Boot.Simulation;

/// <summary>
/// The kernel's <c>sort()</c> (lib/sort.c): an in-place bottom-up heap sort. It is not stable, and the order it gives
/// equal elements is observable (the dynamic <c>/reserved-memory</c> regions are allocated in that order).
/// </summary>
internal static class KernelSort
{
    public static void HeapSort<T>(IList<T> a, Comparison<T> cmp)
    {
        int n = a.Count, heap = n / 2;
        if (heap == 0)
            return;
        while (true)
        {
            if (heap > 0)
            {
                heap--;
            }
            else if (--n > 0)
            {
                (a[0], a[n]) = (a[n], a[0]);
            }
            else
            {
                break;
            }
            // Find the sift-down path to a leaf, one comparison per level.
            int b = heap, c, d;
            while (true)
            {
                c = 2 * b + 1;
                d = c + 1;
                if (d >= n)
                    break;
                b = cmp(a[c], a[d]) >= 0 ? c : d;
            }
            if (d == n)
                b = c;
            // Backtrack to where the root element belongs, then rotate it into place.
            while (b != heap && cmp(a[heap], a[b]) >= 0)
                b = (b - 1) / 2;
            c = b;
            while (b != heap)
            {
                b = (b - 1) / 2;
                (a[b], a[c]) = (a[c], a[b]);
            }
        }
    }
}
