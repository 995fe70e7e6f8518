import { goBool, goFloat32, goString, type GoStruct, type GoType } from '../json/go-types.js';
import type { ToxicKind } from '../toxics/toxic.js';

/**
 * The Go types Toxiproxy decodes request bodies into, so that type errors name the same structs
 * and fields (`Go struct field Proxy.name of type string`).
 */

const logger: GoType = { kind: 'opaque', name: 'zerolog.Logger' };

/** `toxiproxy.Proxy` (create and update bodies). */
export const proxyBody: GoStruct = {
  kind: 'struct',
  name: 'toxiproxy.Proxy',
  shortName: 'Proxy',
  fields: [
    { json: 'name', type: goString },
    { json: 'listen', type: goString },
    { json: 'upstream', type: goString },
    { json: 'enabled', type: goBool },
    { json: 'Logger', type: logger },
  ],
};

const populateEntryName = 'struct { toxiproxy.Proxy; Enabled *bool "json:\\"enabled\\"" }';

/** `[]struct { Proxy; Enabled *bool }` (the populate body and the `-config` file). */
export const populateBody: GoType = {
  kind: 'slice',
  name: `[]${populateEntryName}`,
  elem: {
    kind: 'struct',
    name: populateEntryName,
    shortName: '',
    fields: [
      { json: 'name', type: goString },
      { json: 'listen', type: goString },
      { json: 'upstream', type: goString },
      { json: 'Logger', type: logger },
      { json: 'enabled', type: { kind: 'nullableBool' } },
    ],
  },
};

/** `toxics.ToxicWrapper`, decoded before the toxic type is known (attributes as `NoopToxic`). */
export const toxicWrapperBody: GoStruct = {
  kind: 'struct',
  name: 'toxics.ToxicWrapper',
  shortName: 'ToxicWrapper',
  fields: [
    { json: 'attributes', type: { kind: 'struct', name: 'toxics.NoopToxic', shortName: 'NoopToxic', fields: [] } },
    { json: 'name', type: goString },
    { json: 'type', type: goString },
    { json: 'stream', type: goString },
    { json: 'toxicity', type: goFloat32 },
  ],
};

/** The second pass of a toxic create: attributes into the type's own struct. */
export function toxicAttributesBody(kind: ToxicKind): GoStruct {
  return {
    kind: 'struct',
    name: 'struct { Attributes interface {} "json:\\"attributes\\"" }',
    shortName: '',
    fields: [{ json: 'attributes', type: kind.attributes }],
  };
}

/** A toxic update: attributes merged over the current ones, and toxicity. */
export function toxicUpdateBody(kind: ToxicKind): GoStruct {
  return {
    kind: 'struct',
    name: 'struct { Attributes interface {} "json:\\"attributes\\""; Toxicity float32 "json:\\"toxicity\\"" }',
    shortName: '',
    fields: [
      { json: 'attributes', type: kind.attributes },
      { json: 'toxicity', type: goFloat32 },
    ],
  };
}
