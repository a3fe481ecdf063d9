// SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
// SPDX-License-Identifier: EUPL-1.2
//
// What the form editor (Decap CMS, /admin/) needs beyond its own code:
//
// - a file format, "commons-md", that writes a page back exactly as it was
//   read, except for the fields the member changed: same order, same quoting,
//   same comments, same body. Decap's own YAML writer reorders keys, turns
//   [a, b] into block lists and rewraps long lines: a one-word change became a
//   twenty-line diff, and every such pull request a chore to review;
// - two form controls: checkboxes with "add one" for themes and audiences,
//   and sources chosen from docs/sources.yml or written as {titre, url}.
//
// Every French word shown here comes from the generated config (commons/editor.py).
// The format functions are plain and also run under Node, for the tests.
(function (root) {
  'use strict';

  var yaml = root.jsyaml;
  var settings = root.COMMONS_EDITOR || {};
  var STASH = '__commons_source'; // the file as read, so untouched fields keep their exact text
  var KIND = settings.kindKey || '__commons_kind';
  var COMMON = settings.commonKeys || [];
  var DATES = settings.dateKeys || [];

  // ---- reading ---------------------------------------------------------------

  function split(text) {
    var clean = text.charAt(0) === '\ufeff' ? text.slice(1) : text;
    var lines = clean.split('\n');
    if (lines[0].replace(/\s+$/, '') !== '---') return null;
    for (var i = 1; i < lines.length; i++) {
      var line = lines[i].replace(/\r$/, '').replace(/\s+$/, '');
      if (line === '---' || line === '...') {
        return {
          header: lines.slice(1, i).join('\n') + (i > 1 ? '\n' : ''),
          close: lines[i] + '\n',
          body: lines.slice(i + 1).join('\n'),
        };
      }
    }
    return null;
  }

  function load(text) {
    return yaml.load(text, { schema: yaml.CORE_SCHEMA }) || {};
  }

  // Top-level fields as pieces of text: each key with the lines that belong to
  // it (comments above it, its value, nested lines). null when the header
  // cannot be cut so that the pieces say the same as the whole.
  function pieces(header) {
    var lines = header.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    var found = [];
    var pending = [];
    lines.forEach(function (line) {
      var starts = /^[^\s#\-]/.test(line);
      if (starts) {
        found.push({ lines: pending.concat([line]) });
        pending = [];
      } else if (found.length && !/^\s*(#.*)?$/.test(line)) {
        var last = found[found.length - 1];
        last.lines = last.lines.concat(pending, [line]);
        pending = [];
      } else {
        pending.push(line);
      }
    });
    var tail = pending;
    var whole;
    try {
      whole = load(header);
    } catch (e) {
      return null;
    }
    var merged = {};
    for (var i = 0; i < found.length; i++) {
      var piece = found[i];
      piece.text = piece.lines.join('\n') + '\n';
      var value;
      try {
        value = load(piece.text);
      } catch (e) {
        return null;
      }
      var keys = Object.keys(value || {});
      if (keys.length !== 1 || Object.prototype.hasOwnProperty.call(merged, keys[0])) return null;
      piece.key = keys[0];
      piece.value = value[keys[0]];
      var keyLine = piece.lines.filter(function (line) { return /^[^\s#\-]/.test(line); })[0];
      piece.flow = /^[^:]*:\s*\[/.test(keyLine);
      merged[piece.key] = piece.value;
    }
    if (!same(merged, whole)) return null;
    return { pieces: found, tail: tail.length ? tail.join('\n') + '\n' : '' };
  }

  function kindOf(meta) {
    // A section's entries have fields of their own (thèmes, date, ordre, version…);
    // its index page has only the common ones, and stays out of the form's list.
    var own = Object.keys(meta).some(function (key) {
      return COMMON.indexOf(key) === -1;
    });
    return own ? 'entry' : 'index';
  }

  function fromFile(text) {
    var parts = split(text);
    var meta = {};
    var body = text;
    if (parts) {
      meta = load(parts.header);
      if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) meta = {};
      body = parts.body;
    }
    var data = {};
    Object.keys(meta).forEach(function (key) {
      data[key] = meta[key];
    });
    data.body = body.replace(/^\n/, '');
    data[STASH] = text;
    data[KIND] = kindOf(meta);
    return data;
  }

  // ---- writing ---------------------------------------------------------------

  var RESERVED = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<)$/;
  var NUMBERISH = /^[-+]?[0-9.][0-9a-fA-FxXoObB_.:+\-eE]*$/;
  var SPECIAL_FLOAT = /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/;
  var DATEISH = /^\d{4}-\d{1,2}-\d{1,2}/;

  function plainIsSafe(text, inFlow) {
    if (!text || text !== text.trim()) return false;
    if (/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(text)) return false;
    if (/^[\-?:,\[\]{}#&*!|>'"%@`]/.test(text)) return false;
    if (/: |:$| #/.test(text)) return false;
    if (inFlow && /[,\[\]{}]/.test(text)) return false;
    if (RESERVED.test(text) || NUMBERISH.test(text) || SPECIAL_FLOAT.test(text) || DATEISH.test(text)) return false;
    return true;
  }

  function quoted(text) {
    return JSON.stringify(text).replace(/[\u0085\u2028\u2029]/g, function (c) {
      return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    });
  }

  function scalar(value, key, inFlow) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    var text = String(value);
    // A date field's value is written bare, so that the site reads a date.
    if (DATES.indexOf(key) !== -1 && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(text)) return text;
    return plainIsSafe(text, inFlow) ? text : quoted(text);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function mappingLines(object, indent) {
    var out = [];
    Object.keys(object).forEach(function (key) {
      var value = object[key];
      out = out.concat(field(key, value, indent, false));
    });
    return out;
  }

  function field(key, value, indent, flow) {
    var pad = ' '.repeat(indent);
    var name = plainIsSafe(key, false) ? key : quoted(key);
    if (Array.isArray(value)) {
      var simple = value.every(function (item) {
        return !Array.isArray(item) && !isPlainObject(item);
      });
      if (!value.length) return [pad + name + ': []'];
      if (simple && flow !== false) {
        return [
          pad + name + ': [' + value.map(function (item) { return scalar(item, key, true); }).join(', ') + ']',
        ];
      }
      var lines = [pad + name + ':'];
      value.forEach(function (item) {
        if (isPlainObject(item)) {
          var inner = mappingLines(item, indent + 4);
          if (!inner.length) {
            lines.push(pad + '  - {}');
            return;
          }
          inner[0] = pad + '  - ' + inner[0].slice(indent + 4);
          lines = lines.concat(inner);
        } else {
          lines.push(pad + '  - ' + scalar(item, key, false));
        }
      });
      return lines;
    }
    if (isPlainObject(value)) {
      if (!Object.keys(value).length) return [pad + name + ': {}'];
      return [pad + name + ':'].concat(mappingLines(value, indent + 2));
    }
    return [pad + name + ': ' + scalar(value, key, false)];
  }

  function same(a, b) {
    return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
  }

  function normal(value) {
    if (Array.isArray(value)) return value.map(normal);
    if (isPlainObject(value)) {
      var out = {};
      Object.keys(value).sort().forEach(function (key) {
        if (!isEmpty(value[key])) out[key] = normal(value[key]);
      });
      return out;
    }
    return value;
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);
  }

  function toFile(data, sortedKeys) {
    var source = typeof data[STASH] === 'string' ? data[STASH] : '';
    var meta = {};
    Object.keys(data).forEach(function (key) {
      if (key === STASH || key === KIND || key === 'body') return;
      if (!isEmpty(data[key])) meta[key] = data[key];
    });
    var body = typeof data.body === 'string' ? data.body : '';
    var parts = source ? split(source) : null;
    var cut = parts ? pieces(parts.header) : null;
    var header;
    var close = '---\n';
    var keep = null;
    if (cut) {
      close = parts.close;
      header = rewrite(cut, meta, sortedKeys || []);
      keep = parts.body;
    } else {
      header = order(Object.keys(meta), sortedKeys || [])
        .map(function (key) { return field(key, meta[key], 0).join('\n') + '\n'; })
        .join('');
    }
    var text;
    if (keep !== null && keep.replace(/^\n/, '') === body) {
      text = keep; // the body as it was, blank line and final newline included
    } else {
      text = '\n' + body.replace(/\s+$/, '') + '\n';
    }
    return '---\n' + header + close + text;
  }

  function order(keys, sortedKeys) {
    return keys.slice().sort(function (a, b) {
      var ia = sortedKeys.indexOf(a);
      var ib = sortedKeys.indexOf(b);
      return (ia === -1 ? 1e6 : ia) - (ib === -1 ? 1e6 : ib);
    });
  }

  function rewrite(cut, meta, sortedKeys) {
    var out = [];
    var seen = {};
    cut.pieces.forEach(function (piece) {
      seen[piece.key] = true;
      if (!Object.prototype.hasOwnProperty.call(meta, piece.key)) return; // removed in the form
      if (same(meta[piece.key], piece.value)) {
        out.push({ key: piece.key, text: piece.text });
        return;
      }
      // Comments above the field stay; the field itself is written anew, in its former list style.
      var leading = [];
      for (var i = 0; i < piece.lines.length && !/^[^\s#\-]/.test(piece.lines[i]); i++) leading.push(piece.lines[i]);
      var flow = Array.isArray(piece.value) && piece.value.length && !piece.flow ? false : undefined;
      out.push({ key: piece.key, text: leading.concat(field(piece.key, meta[piece.key], 0, flow)).join('\n') + '\n' });
    });
    // New fields go where the form lists them: before the first kept field that comes after.
    order(Object.keys(meta), sortedKeys).forEach(function (key) {
      if (seen[key]) return;
      var text = field(key, meta[key], 0).join('\n') + '\n';
      var rank = sortedKeys.indexOf(key);
      var at = out.length;
      if (rank !== -1) {
        for (var i = 0; i < out.length; i++) {
          var other = sortedKeys.indexOf(out[i].key);
          if (other !== -1 && other > rank) {
            at = i;
            break;
          }
        }
      }
      out.splice(at, 0, { key: key, text: text });
    });
    return out.map(function (piece) { return piece.text; }).join('') + cut.tail;
  }

  var format = { fromFile: fromFile, toFile: toFile };

  // ---- form controls ---------------------------------------------------------

  function plain(value) {
    if (value && typeof value.toJS === 'function') return value.toJS();
    return value;
  }

  function registerWidgets(CMS) {
    var h = root.h;
    var createClass = root.createClass;

    // Checkboxes for a list of words (themes, audiences), with a box to add a new one.
    var Choices = createClass({
      getInitialState: function () {
        return { draft: '' };
      },
      values: function () {
        var value = plain(this.props.value);
        return Array.isArray(value) ? value : value ? [String(value)] : [];
      },
      toggle: function (option) {
        var values = this.values();
        var next = values.indexOf(option) === -1
          ? values.concat([option])
          : values.filter(function (v) { return v !== option; });
        this.props.onChange(next);
      },
      add: function () {
        var word = this.state.draft.trim();
        if (!word) return;
        var values = this.values();
        if (values.indexOf(word) === -1) this.props.onChange(values.concat([word]));
        this.setState({ draft: '' });
      },
      render: function () {
        var self = this;
        var field = this.props.field;
        var values = this.values();
        var options = plain(field.get('options')) || [];
        values.forEach(function (v) { if (options.indexOf(v) === -1) options = options.concat([v]); });
        var boxes = options.map(function (option, i) {
          var id = self.props.forID + '-' + i;
          return h('label', { key: option, htmlFor: id, className: 'commons-choice' },
            h('input', {
              id: id, type: 'checkbox', checked: values.indexOf(option) !== -1,
              onChange: function () { self.toggle(option); },
            }), ' ' + option);
        });
        var children = [h('div', { key: 'boxes', className: 'commons-choices', id: this.props.forID }, boxes)];
        if (field.get('allow_new')) {
          var addId = this.props.forID + '-nouveau';
          children.push(h('div', { key: 'add', className: 'commons-add' },
            h('label', { htmlFor: addId }, field.get('add_label')),
            h('input', {
              id: addId, type: 'text', value: this.state.draft,
              onChange: function (e) { self.setState({ draft: e.target.value }); },
              onKeyDown: function (e) { if (e.key === 'Enter') { e.preventDefault(); self.add(); } },
            }),
            h('button', { type: 'button', onClick: this.add }, field.get('add_button'))));
        }
        return h('div', { className: this.props.classNameWrapper }, children);
      },
    });

    // Sources: keys of docs/sources.yml, or references written in full.
    var Sources = createClass({
      items: function () {
        var value = plain(this.props.value);
        return Array.isArray(value) ? value : value ? [value] : [];
      },
      change: function (index, item) {
        var items = this.items().slice();
        if (item === null) items.splice(index, 1);
        else items[index] = item;
        this.props.onChange(items);
      },
      isValid: function () {
        var field = this.props.field;
        var keys = (plain(field.get('options')) || []).map(function (o) { return o.value; });
        var items = this.items(); // emptiness of a required field is Decap's own check
        for (var i = 0; i < items.length; i++) {
          var item = items[i];
          if (typeof item === 'string' && keys.indexOf(item) === -1) {
            return { error: { type: 'custom', message: field.get('unknown_message') } };
          }
          if (item && typeof item === 'object') {
            if (!item.titre || !String(item.titre).trim()) {
              return { error: { type: 'custom', message: field.get('title_message') } };
            }
            if (item.url && !new RegExp(field.get('url_pattern')).test(item.url)) {
              return { error: { type: 'custom', message: field.get('url_message') } };
            }
          }
        }
        return true;
      },
      render: function () {
        var self = this;
        var field = this.props.field;
        var options = plain(field.get('options')) || [];
        var rows = this.items().map(function (item, i) {
          var id = self.props.forID + '-' + i;
          var remove = h('button', { type: 'button', onClick: function () { self.change(i, null); } },
            field.get('remove_label'));
          if (typeof item === 'string') {
            var known = options.some(function (o) { return o.value === item; });
            var choices = (known ? [] : [{ value: item, label: item }]).concat(options);
            return h('div', { key: i, className: 'commons-source' },
              h('label', { htmlFor: id }, field.get('key_label')),
              h('select', { id: id, value: item, onChange: function (e) { self.change(i, e.target.value); } },
                choices.map(function (o) { return h('option', { key: o.value, value: o.value }, o.label); })),
              remove);
          }
          var ref = item || {};
          var edit = function (name) {
            return function (e) {
              var next = Object.assign({}, ref);
              next[name] = e.target.value;
              self.change(i, next);
            };
          };
          return h('div', { key: i, className: 'commons-source' },
            h('label', { htmlFor: id + '-titre' }, field.get('title_label')),
            h('input', { id: id + '-titre', type: 'text', value: ref.titre || '', onChange: edit('titre') }),
            h('label', { htmlFor: id + '-url' }, field.get('url_label')),
            h('input', { id: id + '-url', type: 'url', value: ref.url || '', onChange: edit('url') }),
            remove);
        });
        var first = options.length ? options[0].value : '';
        return h('div', { className: this.props.classNameWrapper, id: this.props.forID },
          rows,
          h('div', { className: 'commons-add' },
            h('button', {
              type: 'button', disabled: !first,
              onClick: function () { self.props.onChange(self.items().concat([first])); },
            }, field.get('add_key_label')),
            h('button', {
              type: 'button',
              onClick: function () { self.props.onChange(self.items().concat([{ titre: '', url: '' }])); },
            }, field.get('add_ref_label'))));
      },
    });

    CMS.registerWidget('commons-choices', Choices);
    CMS.registerWidget('commons-sources', Sources);
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { fromFile: fromFile, toFile: toFile, split: split, pieces: pieces, STASH: STASH, KIND: KIND };
  }
  function merge(target, extra) {
    Object.keys(extra || {}).forEach(function (key) {
      if (isPlainObject(extra[key]) && isPlainObject(target[key])) merge(target[key], extra[key]);
      else target[key] = extra[key];
    });
    return target;
  }

  if (root.CMS) {
    if (settings.locale && root.CMS.getLocale('fr')) {
      root.CMS.registerLocale('fr', merge(JSON.parse(JSON.stringify(root.CMS.getLocale('fr'))), settings.locale));
    }
    root.CMS.registerCustomFormat('commons-md', 'md', format);
    registerWidgets(root.CMS);
    if (settings.start !== false) root.CMS.init();
  }
})(typeof window !== 'undefined' ? window : globalThis);
