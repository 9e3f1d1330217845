/**
 * Neo4j values -> plain JavaScript, at the boundary, so that no driver type reaches a model or a client.
 *
 * Integers become numbers (counts and years fit easily in 2^53), temporal values become ISO-8601 strings, nodes
 * and relationships become their property maps.
 */
import neo4j, { isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isNode, isRelationship, isTime } from 'neo4j-driver';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  // Maps and lists make up most of a result: they are checked before the driver's types, each of which costs a
  // property lookup (this runs for every value of every row).
  if (Array.isArray(value)) return value.map(toPlain);
  if (Object.getPrototypeOf(value) === Object.prototype) return plainMap(value as Record<string, unknown>);
  if (typeof value === 'bigint') return Number(value);
  if (neo4j.isInt(value)) return value.toNumber();
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value)) {
    return value.toString();
  }
  if (isDuration(value)) return value.toString();
  if (isNode(value) || isRelationship(value)) return toPlain(value.properties);
  if (typeof value === 'object') return plainMap(value as Record<string, unknown>);
  throw new TypeError(`Cannot convert a Neo4j value of type ${typeof value} to a plain value.`);
}

function plainMap(value: Record<string, unknown>): { [key: string]: Plain } {
  const result: Record<string, Plain> = {};
  for (const key of Object.keys(value)) result[key] = toPlain(value[key]);
  return result;
}

/**
 * Parameters as the driver can send them. graphql-js builds input objects written inline in a query without a
 * prototype (`Object.create(null)`), and the driver reads `value.constructor` of every map it packs, so such an
 * object fails with "Cannot read properties of null". Every statement's parameters pass through here: plain maps
 * and lists are copied into ordinary ones, driver values (integers, temporals) are left as they are.
 */
export function toParameters(params: Record<string, unknown>): Record<string, unknown> {
  return parameterMap(params);
}

function parameterValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(parameterValue);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null || prototype === Object.prototype) return parameterMap(value as Record<string, unknown>);
  return value;
}

function parameterMap(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) result[key] = parameterValue(value[key]);
  return result;
}
