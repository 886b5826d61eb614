import { z } from "zod";
import { centreOf, isWithin, type UiNode } from "./ui-tree";

/** A regular expression in screen data: refused when loading, not when a phone is mid-post. */
export function pattern() {
  return z
    .string()
    .min(1)
    .refine(
      (source) => {
        try {
          // `{username}`-style placeholders are filled (escaped) before use.
          new RegExp(source.replace(/\{\w+\}/g, "x"), "iu");
          return true;
        } catch {
          return false;
        }
      },
      { message: "not a valid regular expression" },
    );
}

/** What one node is found by: every field given must match. */
const nodeFields = z.strictObject({
  /** The node's text, exactly (after trimming). */
  text: z.string().min(1).optional(),
  /** A regular expression (case-insensitive) the text must match. */
  textMatches: pattern().optional(),
  /** The node's content-desc, exactly. */
  desc: z.string().min(1).optional(),
  descMatches: pattern().optional(),
  /** The resource id: a full `pkg:id/name`, or `name` for any package (clones rename the package). */
  id: z.string().min(1).optional(),
  /**
   * A name in the app build's id map (`builds` in the screen data): TikTok's ids are
   * obfuscated per build, so they are known per version; on a version without a map this
   * alternative matches nothing and the next one is tried.
   */
  ref: z.string().min(1).optional(),
  /** The widget class, e.g. android.widget.Button. */
  class: z.string().min(1).optional(),
  /** A text field: EditText or one of its subclasses (AutoCompleteTextView, …). */
  editable: z.literal(true).optional(),
  clickable: z.boolean().optional(),
  checked: z.boolean().optional(),
  selected: z.boolean().optional(),
  scrollable: z.boolean().optional(),
  /** Of the nodes the other fields match, only the one of the largest area: "the screen's main list". */
  largest: z.literal(true).optional(),
});

const nodeSelectorSchema = nodeFields.extend({
  /** The node lies inside one that matches this (at any depth). */
  in: nodeFields.optional(),
  /** The node's parent matches this: a row of a list, not a cell nested in the row. */
  parent: nodeFields.optional(),
  /**
   * The node is on the same row as one that matches this (its vertical centre lies within that
   * node's top and bottom): a switch beside its label, when the two share no container of their own.
   */
  beside: nodeFields.optional(),
  /** The node holds no node that matches this (a row that is not itself a list). */
  lacks: nodeFields.optional(),
  /** Of the matches in document order, this one (0 the first, -1 the last). */
  nth: z.number().int().min(-50).max(50).optional(),
  /** Only when exactly this many nodes match (e.g. "the first of two text fields"). */
  count: z.number().int().min(1).max(50).optional(),
});

/**
 * How screen data names an element. Every field given must match (AND); a list of
 * selectors is a list of alternatives, best first. Texts change with the phone's language
 * and ids with the app's version, so data lists texts in each language, a per-build id
 * (`ref`) and a structural fallback (class, position among its kind, what it lies in).
 */
export const selectorSchema = nodeSelectorSchema
  .extend({
    /**
     * A position on the screen (fractions of width and height), for elements with nothing to
     * find them by. Only used while the `if` selector is on screen, so it cannot tap blindly.
     */
    at: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
    if: nodeSelectorSchema.optional(),
  })
  .refine((s) => Object.keys(s).some((key) => key !== "if"), { message: "a selector needs at least one field" })
  .refine((s) => (s.at === undefined) === (s.if === undefined), { message: "`at` and `if` go together" })
  .refine((s) => s.at === undefined || Object.keys(s).every((key) => key === "at" || key === "if"), {
    message: "`at` cannot be combined with node fields",
  });

export type NodeFields = z.output<typeof nodeFields>;
export type NodeSelector = z.output<typeof nodeSelectorSchema>;
export type Selector = z.output<typeof selectorSchema>;

/** What a selector found: a node, or a bare position for an `at` selector. */
export type Target = { node: UiNode; x: number; y: number } | { node: undefined; x: number; y: number };

/** Replaces `{name}` placeholders in a selector's strings (e.g. `{username}` for account rows). */
export function fillSelector(selector: Selector, values: Readonly<Record<string, string>>): Selector {
  const fill = (value: string | undefined, escape: boolean) =>
    value?.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) return whole;
      return escape ? replacement.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : replacement;
    });
  const filled: Selector = { ...selector };
  for (const key of ["text", "desc", "id", "class"] as const) {
    if (selector[key] !== undefined) filled[key] = fill(selector[key], false);
  }
  for (const key of ["textMatches", "descMatches"] as const) {
    if (selector[key] !== undefined) filled[key] = fill(selector[key], true);
  }
  return filled;
}

/** Every node the selector matches, in document order (after `count` and `nth`). */
export function matchNodes(nodes: readonly UiNode[], selector: NodeSelector): UiNode[] {
  const within = selector.in === undefined ? undefined : matchFields(nodes, selector.in);
  const parents = selector.parent === undefined ? undefined : new Set(matchFields(nodes, selector.parent).map((node) => node.index));
  const rows = selector.beside === undefined ? undefined : matchFields(nodes, selector.beside);
  const lacking = selector.lacks === undefined ? undefined : matchFields(nodes, selector.lacks);
  const found = matchFields(nodes, selector).filter(
    (node) =>
      (within === undefined || within.some((outer) => outer !== node && isWithin(nodes, node, outer))) &&
      (parents === undefined || parents.has(node.parent)) &&
      (rows === undefined || rows.some((label) => label !== node && onRowOf(node, label))) &&
      (lacking === undefined || !lacking.some((inner) => inner !== node && isWithin(nodes, inner, node))),
  );
  if (selector.count !== undefined && found.length !== selector.count) return [];
  if (selector.nth === undefined) return found;
  const one = found.at(selector.nth);
  return one === undefined ? [] : [one];
}

/** The first alternative that finds something decides; enabled nodes are preferred. */
export function findTarget(nodes: readonly UiNode[], alternatives: readonly Selector[], screen: { width: number; height: number }): Target | undefined {
  for (const selector of alternatives) {
    if (selector.at !== undefined) {
      if (selector.if !== undefined && matchNodes(nodes, selector.if).length > 0) {
        return { node: undefined, x: Math.round(selector.at[0] * screen.width), y: Math.round(selector.at[1] * screen.height) };
      }
      continue;
    }
    const found = matchNodes(nodes, selector);
    const node = found.find((n) => n.enabled) ?? found[0];
    if (node !== undefined) return { node, ...centreOf(node) };
  }
  return undefined;
}

/** The nodes inside `within` (itself included) that the first fitting alternative matches. */
export function findWithin(nodes: readonly UiNode[], within: UiNode, alternatives: readonly Selector[]): UiNode | undefined {
  const inside = nodes.filter((node) => isWithin(nodes, node, within));
  for (const selector of alternatives) {
    if (selector.at !== undefined) continue;
    const found = matchNodes(inside, selector)[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Fills each `ref` from the build's id map, deep in any screen data: `{ "ref": "postButton" }`
 * becomes `{ "id": "qrb" }`; a `ref` the map lacks stays, and matches nothing.
 */
export function bindRefs<T>(data: T, ids: Readonly<Record<string, string>> | undefined): T {
  if (Array.isArray(data)) return data.map((item) => bindRefs(item, ids)) as T;
  if (data === null || typeof data !== "object") return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = bindRefs(value, ids);
  const ref = out.ref;
  if (typeof ref === "string" && ids !== undefined && Object.hasOwn(ids, ref)) {
    delete out.ref;
    out.id = ids[ref];
  }
  return out as T;
}

/** A selector as a person reads it in a log line: `text="Post" | id="post_button"`. */
export function describeSelectors(alternatives: readonly Selector[]): string {
  return alternatives
    .map((selector) =>
      Object.entries(selector)
        .filter(([key]) => key !== "if")
        .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
        .join(" "),
    )
    .join(" | ");
}

const EDITABLE = /(EditText|AutoCompleteTextView)$/;

/** The nodes one set of fields matches, `largest` applied. */
function matchFields(nodes: readonly UiNode[], fields: NodeFields): UiNode[] {
  const found = nodes.filter((node) => matches(node, fields));
  if (fields.largest !== true || found.length <= 1) return found;
  const area = (node: UiNode) => (node.bounds.right - node.bounds.left) * (node.bounds.bottom - node.bounds.top);
  const biggest = found.reduce((best, node) => (area(node) > area(best) ? node : best));
  return [biggest];
}

function onRowOf(node: UiNode, label: UiNode): boolean {
  const middle = (node.bounds.top + node.bounds.bottom) / 2;
  return middle >= label.bounds.top && middle <= label.bounds.bottom;
}

function matches(node: UiNode, selector: NodeFields): boolean {
  if (selector.ref !== undefined) return false;
  if (selector.text !== undefined && node.text.trim() !== selector.text) return false;
  if (selector.textMatches !== undefined && !new RegExp(selector.textMatches, "iu").test(node.text)) return false;
  if (selector.desc !== undefined && node.contentDesc.trim() !== selector.desc) return false;
  if (selector.descMatches !== undefined && !new RegExp(selector.descMatches, "iu").test(node.contentDesc)) return false;
  if (selector.id !== undefined && !idMatches(node.resourceId, selector.id)) return false;
  if (selector.class !== undefined && node.className !== selector.class) return false;
  if (selector.editable === true && !EDITABLE.test(node.className)) return false;
  if (selector.clickable !== undefined && node.clickable !== selector.clickable) return false;
  if (selector.checked !== undefined && node.checked !== selector.checked) return false;
  if (selector.selected !== undefined && node.selected !== selector.selected) return false;
  if (selector.scrollable !== undefined && node.scrollable !== selector.scrollable) return false;
  return true;
}

function idMatches(resourceId: string, wanted: string): boolean {
  return wanted.includes(":id/") ? resourceId === wanted : resourceId.endsWith(`:id/${wanted}`);
}
