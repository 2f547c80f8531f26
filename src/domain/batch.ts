/** A run of `gicap batch` (spec 6), as the runs file or a folder of inventories declares it. */

/** One run, as declared by a row of the runs file or by a sub-folder of a batch folder. */
export interface BatchRun {
  /** Names the run's report folder `DIR/NAME/` and its summary row. */
  readonly name: string;
  /** The inventory as written in the runs file (relative to it), or the sub-folder name. */
  readonly inventory: string;
  /** The inventory folder, absolute. */
  readonly inventoryDir: string;
  readonly maxFailures: number;
  /** Outage length TiCAP is charged for, hours. */
  readonly outageHours: number;
  /** Model file, absolute, or null for the bundled default. */
  readonly modelPath: string | null;
}
