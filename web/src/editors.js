// CodeMirror 6 set-up for the page: one factory for the paste areas, the read-only
// result views and the side-by-side diff. Languages switch with what was detected.
import { EditorState, Compartment, StateField, StateEffect } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, Decoration,
  MatchDecorator, ViewPlugin, placeholder as placeholderExt,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import {
  syntaxHighlighting, defaultHighlightStyle, HighlightStyle, StreamLanguage, bracketMatching,
} from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { properties } from '@codemirror/legacy-modes/mode/properties';
import { python } from '@codemirror/legacy-modes/mode/python';
import { javascript } from '@codemirror/legacy-modes/mode/javascript';
import { go } from '@codemirror/legacy-modes/mode/go';
import { java } from '@codemirror/legacy-modes/mode/clike';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { MergeView, unifiedMergeView } from '@codemirror/merge';

// HCL has no CodeMirror mode; Terraform blocks only need comments, strings,
// numbers and block keywords to be readable.
const hcl = {
  name: 'hcl',
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match('#') || stream.match('//')) { stream.skipToEnd(); return 'comment'; }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^-?\d+(\.\d+)?/)) return 'number';
    if (stream.match(/^(resource|data|provider|variable|output|locals|module|terraform|dynamic)\b/)) return 'keyword';
    if (stream.match(/^(true|false|null)\b/)) return 'atom';
    if (stream.match(/^[A-Za-z_][\w-]*(?=\s*=)/)) return 'propertyName';
    if (stream.match(/^[A-Za-z_][\w.-]*/)) return 'variableName';
    stream.next();
    return null;
  },
};

const LANGS = {
  json: () => json(),
  yaml: () => yaml(),
  shell: () => StreamLanguage.define(shell),
  ini: () => StreamLanguage.define(properties),
  python: () => StreamLanguage.define(python),
  javascript: () => StreamLanguage.define(javascript),
  go: () => StreamLanguage.define(go),
  java: () => StreamLanguage.define(java),
  hcl: () => StreamLanguage.define(hcl),
  text: () => [],
};

// Highlight colours that read in both themes (the default style is tuned for light).
const darkHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#ff7ab2' },
  { tag: [tags.string, tags.special(tags.string)], color: '#9ece6a' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: '#e0af68' },
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: '#7dcfff' },
  { tag: tags.comment, color: '#9aa5ce', fontStyle: 'italic' },
  { tag: tags.variableName, color: '#c0caf5' },
], { themeType: 'dark' });

const baseTheme = EditorView.theme({
  '&': { fontSize: '0.85rem', border: '1px solid var(--border)', borderRadius: '6px', backgroundColor: 'var(--editor-bg)', color: 'var(--fg)' },
  '&.cm-focused': { outline: '3px solid var(--accent)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.45' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--gutter-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '&:not(.cm-focused) .cm-activeLine': { backgroundColor: 'transparent' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--selection) !important' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.se-placeholder': { backgroundColor: 'var(--mark-bg)', color: 'var(--mark-fg)', borderRadius: '3px', outline: '1px solid var(--mark-border)' },
  '.se-located': { backgroundColor: 'var(--located-bg)', outline: '2px solid var(--located-border)' },
});

// A highlighted range ("this is where the finding is"), set from outside.
const setLocated = StateEffect.define();
const locatedField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setLocated)) {
        deco = e.value && e.value.to > e.value.from
          ? Decoration.set([Decoration.mark({ class: 'se-located' }).range(e.value.from, e.value.to)])
          : Decoration.none;
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// Placeholder highlighting for redacted text: every string the vault minted.
const setPlaceholders = StateEffect.define();
const placeholderField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setPlaceholders)) value = e.value;
    return value;
  },
});
const placeholderPlugin = ViewPlugin.fromClass(class {
  constructor(view) { this.build(view); }
  build(view) {
    const list = view.state.field(placeholderField);
    this.matcher = list && list.length
      ? new MatchDecorator({
        regexp: new RegExp(list.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|'), 'g'),
        decoration: Decoration.mark({ class: 'se-placeholder', attributes: { title: 'placeholder — restores to the original value' } }),
      })
      : null;
    this.decorations = this.matcher ? this.matcher.createDeco(view) : Decoration.none;
    this.list = list;
  }
  update(u) {
    if (u.state.field(placeholderField) !== this.list) this.build(u.view);
    else if (this.matcher) this.decorations = this.matcher.updateDeco(u, this.decorations);
  }
}, { decorations: (v) => v.decorations });

function common({ label, readOnly, theme }) {
  return [
    lineNumbers(),
    drawSelection(),
    bracketMatching(),
    readOnly ? [] : history(),
    readOnly ? [] : highlightActiveLine(),
    // Tab is left alone so it moves focus between the editors and the buttons: the
    // page is used by pasting, not by typing indented code.
    keymap.of([...defaultKeymap, ...historyKeymap]),
    EditorView.lineWrapping,
    EditorState.readOnly.of(!!readOnly),
    EditorView.contentAttributes.of({
      'aria-label': label,
      // Already in the tab order as contenteditable; explicit so checkers see the
      // scrollable editor has focusable content.
      tabindex: '0',
      ...(readOnly ? { 'aria-readonly': 'true' } : {}),
    }),
    baseTheme,
    theme.of(themeExtension()),
    locatedField,
    placeholderField,
    placeholderPlugin,
  ];
}

const themes = new Set();
let dark = false;
function themeExtension() {
  return dark
    ? [EditorView.theme({}, { dark: true }), syntaxHighlighting(darkHighlight)]
    : [syntaxHighlighting(defaultHighlightStyle)];
}

export function setDarkTheme(isDark) {
  dark = isDark;
  for (const { view, compartment } of themes) {
    view.dispatch({ effects: compartment.reconfigure(themeExtension()) });
  }
}

// An editor in `parent`. Returns a small handle the page uses.
export function createEditor(parent, { label, readOnly = false, lang = 'text', placeholder = '', onChange, lint = false } = {}) {
  const language = new Compartment();
  const theme = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        common({ label, readOnly, theme }),
        language.of(LANGS[lang]()),
        placeholder ? placeholderExt(placeholder) : [],
        lint ? lintGutter() : [],
        onChange ? EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u); }) : [],
      ],
    }),
  });
  themes.add({ view, compartment: theme });
  let currentLang = lang;
  return {
    view,
    get text() { return view.state.doc.toString(); },
    get length() { return view.state.doc.length; },
    set(text, newLang) {
      const effects = [setLocated.of(null)];
      if (newLang && newLang !== currentLang && LANGS[newLang]) {
        currentLang = newLang;
        effects.push(language.reconfigure(LANGS[newLang]()));
      }
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, effects });
      if (lint) view.dispatch(setDiagnostics(view.state, []));
    },
    setLanguage(newLang) {
      if (!LANGS[newLang] || newLang === currentLang) return;
      currentLang = newLang;
      view.dispatch({ effects: language.reconfigure(LANGS[newLang]()) });
    },
    get language() { return currentLang; },
    // Lint markers from our findings: [{from, to, severity, message}]
    setDiagnostics(list) {
      const len = view.state.doc.length;
      const clean = list.map((d) => ({ ...d, from: Math.min(d.from, len), to: Math.min(Math.max(d.to, d.from), len) }));
      view.dispatch(setDiagnostics(view.state, clean));
    },
    setPlaceholders(list) { view.dispatch({ effects: setPlaceholders.of(list) }); },
    // Select and highlight [from, to), scroll it into view, focus the editor.
    locate(from, to) {
      const len = view.state.doc.length;
      from = Math.max(0, Math.min(from, len));
      to = Math.max(from, Math.min(to, len));
      view.dispatch({
        selection: { anchor: from, head: to },
        effects: [setLocated.of({ from, to }), EditorView.scrollIntoView(from, { y: 'center' })],
      });
      view.focus();
    },
  };
}

// Side by side (or unified on narrow screens) diff of the original and fixed text.
export function createDiff(parent, { original, fixed, lang = 'json', narrow = false, labels }) {
  parent.replaceChildren();
  const theme = () => new Compartment();
  if (narrow) {
    const t = theme();
    const view = new EditorView({
      parent,
      doc: fixed,
      extensions: [
        common({ label: labels.fixed, readOnly: true, theme: t }),
        LANGS[lang](),
        unifiedMergeView({ original, mergeControls: false, gutter: true }),
      ],
    });
    themes.add({ view, compartment: t });
    return {
      fixedText: () => view.state.doc.toString(),
      destroy() { for (const x of [...themes]) if (x.view === view) themes.delete(x); view.destroy(); },
    };
  }
  const ta = theme();
  const tb = theme();
  const view = new MergeView({
    parent,
    a: { doc: original, extensions: [common({ label: labels.original, readOnly: true, theme: ta }), LANGS[lang]()] },
    b: { doc: fixed, extensions: [common({ label: labels.fixed, readOnly: true, theme: tb }), LANGS[lang]()] },
    gutter: true,
    highlightChanges: true,
  });
  themes.add({ view: view.a, compartment: ta });
  themes.add({ view: view.b, compartment: tb });
  return {
    fixedText: () => view.b.state.doc.toString(),
    destroy() {
      for (const x of [...themes]) if (x.view === view.a || x.view === view.b) themes.delete(x);
      view.destroy();
    },
  };
}

