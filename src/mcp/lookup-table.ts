/**
 * A table looked up by names read from the audited code: a method, property, header or schema
 * name. Made without a prototype, so a name such as `constructor`, `toString` or `__proto__`
 * finds nothing, where a plain object literal would hand back one of Object's own members (a
 * `'constructor'` string in a file once made a rule report a function as its message id, and
 * ESLint stopped on the file).
 */
export function lookupTable<T extends object>(entries: T): Readonly<T> {
  return Object.freeze(Object.assign(Object.create(null) as T, entries));
}
