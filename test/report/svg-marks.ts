/**
 * The marks Vega drew for a named mark layer of a chart: the `<path>` items of
 * `<g class="mark-… role-mark NAME_marks">` (Vega-Lite names a unit's marks `NAME_marks`).
 */
export function countMarks(svg: string, layer: string): number {
  const start = svg.indexOf(`role-mark ${layer}_marks"`);
  if (start < 0) return 0;
  const end = svg.indexOf('</g>', start);
  return svg.slice(start, end).split('<path').length - 1;
}
