namespace MemblockSharp.Boot.Buddy;

/// <summary>Page-block migrate types, in the kernel's order (<c>enum migratetype</c> with CONFIG_CMA).</summary>
public enum MigrateType
{
    /// <summary><c>MIGRATE_UNMOVABLE</c>.</summary>
    Unmovable,

    /// <summary><c>MIGRATE_MOVABLE</c>: every pageblock starts as movable at boot.</summary>
    Movable,

    /// <summary><c>MIGRATE_RECLAIMABLE</c>.</summary>
    Reclaimable,

    /// <summary><c>MIGRATE_HIGHATOMIC</c>.</summary>
    HighAtomic,

    /// <summary><c>MIGRATE_CMA</c>: pageblocks of a CMA area; they never merge with other types above pageblock order.</summary>
    Cma,

    /// <summary><c>MIGRATE_ISOLATE</c>.</summary>
    Isolate,
}
