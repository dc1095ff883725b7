/** A run block's parameters: everything but its `kind`. */
export function paramsOf<T extends { kind: string }>(run: T): Omit<T, 'kind'> {
  const { kind: _kind, ...params } = run;
  return params;
}
