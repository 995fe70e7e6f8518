/**
 * Just enough of Go's type system to decode request bodies with `encoding/json` semantics:
 * which JSON kinds a field accepts, and the type names Go prints in its error messages.
 */
export type GoType =
  | { readonly kind: 'string' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'int'; readonly name: 'int64' | 'int' }
  | { readonly kind: 'float32' }
  | { readonly kind: 'nullableBool' }
  | { readonly kind: 'opaque'; readonly name: string }
  | GoStruct
  | { readonly kind: 'slice'; readonly name: string; readonly elem: GoType };

/** A struct: `name` is its full type (`toxics.LatencyToxic`), `shortName` what error context prints. */
export interface GoStruct {
  readonly kind: 'struct';
  readonly name: string;
  readonly shortName: string;
  readonly fields: readonly GoField[];
}

/** One field with its JSON key. */
export interface GoField {
  readonly json: string;
  readonly type: GoType;
}

export const goString: GoType = { kind: 'string' };
export const goBool: GoType = { kind: 'bool' };
export const goInt64: GoType = { kind: 'int', name: 'int64' };
export const goInt: GoType = { kind: 'int', name: 'int' };
export const goFloat32: GoType = { kind: 'float32' };

/** The name Go's `reflect.Type.String()` gives the type. */
export function goTypeName(type: GoType): string {
  switch (type.kind) {
    case 'string':
    case 'bool':
    case 'float32':
      return type.kind;
    case 'nullableBool':
      return 'bool';
    case 'int':
    case 'opaque':
    case 'struct':
    case 'slice':
      return type.name;
  }
}
