// Types for <gloss-annotator> (gloss-annotator.js). The contract types mirror
// crates/core/src/protocol.rs (contract version 1); offsets are Unicode code points into a
// document's `text`, half-open.

export type Label = "PER" | "ORG" | "LOC" | "MISC" | "DATE";

export interface Mention {
  start: number;
  end: number;
  text: string;
  label: Label;
  /** Entity id ("e1", ...). */
  entity: string;
  /** Recognizer confidence in [0, 1]. */
  score: number;
}

export interface Preview {
  site: string;
  section: string | null;
  /** ISO `YYYY-MM-DD` or `YYYY-MM`. */
  date: string | null;
  title: string | null;
  /** Entity ids named in the title. */
  entities: string[];
  trail: string | null;
  /** The title was rebuilt from the URL's slug. */
  title_derived: boolean;
  relative: string | null;
  document: number | null;
  lead: string | null;
  /** Given by the host page with setLinkMetadata (absent otherwise). */
  description?: string;
  /** True when the host page gave metadata for this link (absent otherwise). */
  from_host?: boolean;
}

export interface Link {
  href: string;
  anchor: string;
  start: number;
  end: number;
  /** http, https or mailto: the only links gloss lets a reader follow. */
  safe: boolean;
  preview: Preview | null;
}

export interface Quote {
  start: number;
  end: number;
  /** Entity id of the speaker, or null when the text does not say. */
  speaker: string | null;
}

export interface Document {
  source: string;
  title: string | null;
  text: string;
  mentions: Mention[];
  links: Link[];
  quotes: Quote[];
  furniture: string[];
}

export interface Entity {
  id: string;
  label: Label;
  name: string;
  aliases: string[];
  roles: string[];
  related: string[];
}

export type RelationType =
  | "contact" | "leads" | "member_of" | "ally" | "split_from"
  | "fled_to" | "designated_by" | "role" | "family" | "said";

export interface Relation {
  source: string;
  target: string;
  type: RelationType;
  /** Index into `documents`. */
  document: number;
  evidence: { start: number; end: number };
  detail: string | null;
}

/** The JSON contract, version 1 (README "The JSON contract"). */
export interface Contract {
  version: 1;
  documents: Document[];
  entities: Entity[];
  relations: Relation[];
  diagnostics: string[];
}

/** A mention addressed by its text, so a correction survives re-annotation. */
export interface MentionRef {
  /** The document's `source`. */
  document: string;
  start: number;
  end: number;
  text: string;
}

/** An editor's correction (gloss_core::corrections). */
export type Correction =
  | { op: "accept"; mention: MentionRef }
  | { op: "reject"; mention: MentionRef }
  | { op: "retype"; mention: MentionRef; label: Label }
  | { op: "add"; mention: MentionRef; label: Label }
  | { op: "merge"; mention: MentionRef; into: MentionRef }
  | { op: "split"; mention: MentionRef };

export interface CorrectionsResult {
  /** How many corrections changed the contract shown. */
  applied: number;
  /** Corrections that could not be applied, with the reason. */
  unapplied: { correction: Correction; reason: string }[];
}

export interface LinkMetadata {
  title?: string;
  description?: string;
  /** ISO `YYYY-MM-DD` or `YYYY-MM`; anything else is ignored (see `diagnostics`). */
  date?: string;
}

export interface LinkMetadataResult {
  /** Previewed links of the current contract that lead to the URL. */
  links: number;
  diagnostics: string[];
}

export type ExportFormat =
  | "json" | "jsonld" | "webannotation" | "conll" | "csv-entities" | "csv-relations";

export interface SelectDetail {
  /** Selected entity id, or null when the selection was cleared. */
  entity: string | null;
  name: string | null;
  label: Label | null;
}

export interface GlossAnnotatorEventMap {
  "gloss:ready": CustomEvent<{ version: 1 }>;
  "gloss:change": CustomEvent<Contract>;
  "gloss:select": CustomEvent<SelectDetail>;
  "gloss:error": CustomEvent<{ message: string }>;
}

/**
 * `<gloss-annotator for="#story" theme="auto" readonly>`.
 * Attributes: `for` (CSS selector of a page element whose HTML is annotated instead of a paste
 * box), `theme` (`light` | `dark` | `auto`), `readonly` (no paste box, no editing).
 */
export interface GlossAnnotatorElement extends HTMLElement {
  /** Resolves once the API below can be called (also announced by `gloss:ready`). */
  whenReady(): Promise<GlossAnnotatorElement>;
  /** Annotate an article (HTML or plain text); it replaces what is shown. */
  annotate(htmlOrText: string, source?: string): Promise<Contract>;
  /** The contract shown (corrections and link metadata applied), or null before the first result. */
  getAnnotations(): Contract | null;
  /** Apply editor corrections to the contract shown. */
  applyCorrections(list: Correction[]): CorrectionsResult;
  /** Host-known title, description and date for a linked article; shown in its preview card. */
  setLinkMetadata(url: string, metadata: LinkMetadata): LinkMetadataResult;
  /** The contract shown in an export format. Throws on an unknown format or before any result. */
  exportAs(format: ExportFormat): string;
  addEventListener<K extends keyof GlossAnnotatorEventMap>(
    type: K, listener: (this: GlossAnnotatorElement, ev: GlossAnnotatorEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "gloss-annotator": GlossAnnotatorElement;
  }
}
