import type { TagFilter, ThresholdMetric, ThresholdOp } from '../scenario/plan.js';

/** k6 metric types of the metrics thresholds may name. */
export type MetricType = 'counter' | 'rate' | 'trend';

/** The type of each metric faultline records, as in k6's `metrics/builtin.go`. */
export const thresholdMetricTypes: Readonly<Record<ThresholdMetric, MetricType>> = {
  http_req_duration: 'trend',
  http_req_failed: 'rate',
  http_reqs: 'counter',
  http_req_blocked: 'trend',
  faultline_response_time: 'trend',
};

const metricNames = Object.keys(thresholdMetricTypes) as ThresholdMetric[];

/** Named aggregations per metric type, as in k6's `supportedAggregationMethods`; trends also take `p(N)`. */
const aggregationsByType: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med'],
};

const allowedAggregationsText: Readonly<Record<MetricType, string>> = {
  counter: 'count, rate',
  rate: 'rate',
  trend: 'avg, min, max, med, p(N) with 0 ≤ N ≤ 100 (e.g. p(95), p(99.9))',
};

/**
 * Operators in k6's scanning order: k6 splits at the first operator of this list found anywhere in
 * the expression, so longer operators must come before their prefixes.
 */
const operatorTokens = ['<=', '<', '>=', '>', '===', '==', '!='] as const;
const operatorsText = '>, >=, <=, <, ==, ===, !=';

/** A decimal number, optionally signed and with an exponent (k6 reads it with Go's ParseFloat). */
const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const allowedTags = {
  phase: ['before', 'during', 'after'],
  op: ['read', 'write'],
  expected_response: ['true', 'false'],
} as const;
const allowedTagsText = 'phase (before, during, after), op (read, write), expected_response (true, false)';

export type ParsedThresholdExpression =
  | {
    readonly ok: true;
    /** Normalised as k6 keys its sinks: `p(95.0)` becomes `p(95)`. */
    readonly aggregation: string;
    /** `===` is read as `==`, as in k6. */
    readonly op: ThresholdOp;
    readonly value: number;
  }
  | { readonly ok: false; readonly message: string };

export type ParsedThresholdKey =
  | { readonly ok: true; readonly metric: ThresholdMetric; readonly tags: TagFilter }
  | { readonly ok: false; readonly message: string };

/**
 * Parses a k6 threshold expression, `<aggregation> <operator> <number>`, for a metric, the way
 * k6's `thresholds_parser.go` does: split at the first operator found, trim both sides, then check
 * the aggregation is one the metric's type supports. User mistakes come back as a message saying
 * what was wrong and what is allowed; this never throws.
 *
 * One deliberate difference: the number must be written in decimal (`500`, `0.01`, `1e3`); Go
 * would also take `Inf`, `NaN` and hex floats, none of which makes a meaningful threshold.
 */
export function parseThresholdExpression(source: string, metric: ThresholdMetric): ParsedThresholdExpression {
  const type = thresholdMetricTypes[metric];
  const allowed = `allowed for ${metric} (a ${type} metric): ${allowedAggregationsText[type]}`;
  const token = operatorTokens.find((candidate) => source.includes(candidate));
  if (token === undefined) {
    return fail(`'${source}' is not a threshold: expected <aggregation> <operator> <number> such as ` +
      `'${type === 'trend' ? 'p(95)<500' : type === 'rate' ? 'rate<0.01' : 'count>100'}'; operators: ${operatorsText}`);
  }
  const at = source.indexOf(token);
  const lhs = source.slice(0, at).trim();
  const rhs = source.slice(at + token.length).trim();

  const aggregation = parseAggregation(lhs, type);
  if (!aggregation.ok) {
    if (lhs === '') return fail(`'${source}' has no aggregation before '${token}'; ${allowed}`);
    return fail(`'${source}': ${aggregation.message}; ${allowed}`);
  }
  if (!numberPattern.test(rhs)) {
    return fail(`'${source}': '${rhs}' after '${token}' is not a number; write a decimal number such as 500 or 0.01`);
  }
  return { ok: true, aggregation: aggregation.value, op: token === '===' ? '==' : token, value: Number(rhs) };
}

function parseAggregation(lhs: string, type: MetricType): { ok: true; value: string } | { ok: false; message: string } {
  const supported = aggregationsByType[type];
  if (lhs.startsWith('p(') && lhs.endsWith(')')) {
    if (type !== 'trend') return { ok: false, message: `percentiles such as '${lhs}' only apply to trend metrics` };
    const inner = lhs.slice(2, -1);
    if (!numberPattern.test(inner)) return { ok: false, message: `'${inner}' in '${lhs}' is not a number` };
    const pct = Number(inner);
    if (pct < 0 || pct > 100) return { ok: false, message: `percentile ${inner} in '${lhs}' is outside 0 to 100` };
    return { ok: true, value: `p(${pct})` };
  }
  if (supported.includes(lhs)) return { ok: true, value: lhs };
  // k6 knows these names but not for this metric type; say so rather than "unknown".
  const knownElsewhere = lhs === 'value' || Object.values(aggregationsByType).some((names) => names.includes(lhs));
  if (knownElsewhere) return { ok: false, message: `aggregation '${lhs}' does not apply to a ${type} metric` };
  return { ok: false, message: `unknown aggregation '${lhs}'` };
}

/**
 * Parses a threshold key, `metric` or `metric{tag:value,…}`, into the metric and a tag filter,
 * accepting and rejecting what k6 does (grafana/k6 `ParseMetricName` and `AddSubmetric`): the
 * name is taken as written (no spaces around it), braces must match and close the key, every
 * `tag:value` needs a value, and empty pieces (`{}`, a trailing comma) are errors. Inside the
 * braces spaces around tags and values are trimmed and quotes stripped. Allowed tags are `phase`
 * (before, during, after), `op` (read, write) and k6's `expected_response` (true, false). Never
 * throws: a mistake comes back as a message naming what is allowed.
 */
export function parseThresholdKey(key: string): ParsedThresholdKey {
  const open = key.indexOf('{');
  const close = key.lastIndexOf('}');
  if ((open === -1) !== (close === -1)) {
    return fail(`'${key}' has an unmatched ${open === -1 ? 'closing' : 'opening'} brace; write metric{tag:value}, e.g. 'http_req_duration{phase:during}'`);
  }
  if (close < open) return fail(`'${key}' has its closing brace before the opening one; write metric{tag:value}`);
  if (open !== -1 && close !== key.length - 1) {
    return fail(`'${key}' has text after the closing brace; write metric{tag:value}, e.g. 'http_req_duration{phase:during}'`);
  }
  const name = open === -1 ? key : key.slice(0, open);
  if (!(metricNames as readonly string[]).includes(name)) {
    const hint = name.trim() !== name && (metricNames as readonly string[]).includes(name.trim()) ? ' (no spaces around the metric name, as in k6)' : '';
    return fail(`unknown metric '${name}' in '${key}'${hint}; allowed: ${metricNames.join(', ')}`);
  }
  const metric = name as ThresholdMetric;
  if (open === -1) return { ok: true, metric, tags: {} };

  const inner = key.slice(open + 1, close);
  if (inner.includes('{') || inner.includes('}')) {
    return fail(`'${key}' has nested braces; write metric{tag:value,tag:value}`);
  }
  const tags: { phase?: TagFilter['phase']; op?: TagFilter['op']; expectedResponse?: boolean } = {};
  for (const part of inner.split(',')) {
    const colon = part.indexOf(':');
    if (colon === -1 || part.slice(colon + 1) === '') {
      return fail(`'${part}' in '${key}' is not a tag:value pair (k6 rejects it too); allowed tags: ${allowedTagsText}`);
    }
    const tag = unquote(part.slice(0, colon));
    const value = unquote(part.slice(colon + 1));
    if (tag !== 'phase' && tag !== 'op' && tag !== 'expected_response') {
      return fail(`unknown tag '${tag}' in '${key}'; allowed tags: ${allowedTagsText}`);
    }
    const field = tag === 'expected_response' ? 'expectedResponse' : tag;
    if (tags[field] !== undefined) return fail(`tag '${tag}' appears twice in '${key}'`);
    const values: readonly string[] = allowedTags[tag];
    if (!values.includes(value)) {
      return fail(`tag ${tag} in '${key}' cannot be '${value}'; allowed: ${values.join(', ')}`);
    }
    if (tag === 'phase') tags.phase = value as TagFilter['phase'];
    else if (tag === 'op') tags.op = value as TagFilter['op'];
    else tags.expectedResponse = value === 'true';
  }
  return { ok: true, metric, tags };
}

/** As k6: surrounding spaces trimmed, then surrounding quotes stripped. */
function unquote(text: string): string {
  return text.trim().replace(/^["']+|["']+$/g, '');
}

function fail(message: string): { readonly ok: false; readonly message: string } {
  return { ok: false, message };
}
