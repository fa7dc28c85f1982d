namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>
/// The in-place heapsort of Linux's <c>lib/sort.c</c> (bottom-up sift-down, then backtrack), reproduced so
/// that elements that compare equal end up in the same order as in the kernel: the kernel's sort is not
/// stable, and the order of equal entries (such as two dynamic reserved-memory regions, both at base 0)
/// decides which is allocated first.
/// </summary>
public static class KernelSort
{
    /// <summary>Sorts <paramref name="items"/> as the kernel's <c>sort()</c> would.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements, sorted in place.</param>
    /// <param name="compare">The comparison (negative, zero, positive).</param>
    public static void Sort<T>(Span<T> items, Comparison<T> compare)
    {
        ArgumentNullException.ThrowIfNull(compare);
        var n = items.Length;
        var a = n / 2;
        if (a == 0)
            return;
        while (true)
        {
            if (a > 0)
            {
                a--; // building the heap: sift element a down
            }
            else if (--n > 0)
            {
                (items[0], items[n]) = (items[n], items[0]); // extract the root to the sorted tail
            }
            else
            {
                break;
            }

            // Find the path of larger children down to a leaf, one comparison per level.
            var b = a;
            int c, d;
            while (true)
            {
                c = 2 * b + 1;
                d = c + 1;
                if (d >= n)
                    break;
                b = compare(items[c], items[d]) >= 0 ? c : d;
            }
            if (d == n)
                b = c; // the last leaf has no sibling

            // Backtrack to where element a belongs, then rotate it into place.
            while (b != a && compare(items[a], items[b]) >= 0)
                b = (b - 1) / 2;
            var target = b;
            while (b != a)
            {
                b = (b - 1) / 2;
                (items[b], items[target]) = (items[target], items[b]);
            }
        }
    }
}
