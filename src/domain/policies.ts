/**
 * Names shared by the loader and the engine for the placement policies (spec 9).
 */

/** The reserved capacity every package weighs 1 for [P5, P6]. */
export const PACKAGE_LIMIT = 'package_limit';
