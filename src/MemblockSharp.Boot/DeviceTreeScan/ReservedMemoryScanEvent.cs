namespace MemblockSharp.Boot.DeviceTreeScan;

/// <summary>
/// One thing <c>early_init_fdt_scan_reserved_mem</c> does, in the order the kernel does it: a static reservation to
/// make, a message to print, or a reserved_mem[] entry to visit (with its dynamic request, if it gets one). The boot
/// replays these against memblock; exactly one member is set.
/// </summary>
/// <param name="Reservation">A /memreserve/, /reserved-memory reg or elfcorehdr reservation.</param>
/// <param name="Diagnostic">A message the kernel prints at this point.</param>
/// <param name="Entry">A reserved_mem[] entry visited by fdt_init_reserved_mem.</param>
/// <param name="Request">With <paramref name="Entry"/>: the dynamic allocation it asks for, or null.</param>
internal sealed record ReservedMemoryScanEvent(
    StaticReservation? Reservation, ScanDiagnostic? Diagnostic, ReservedMemoryEntry? Entry, DynamicReservationRequest? Request);
