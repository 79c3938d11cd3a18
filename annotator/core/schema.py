"""The annotation schema: layers, their labels and attributes, and relation types.

A schema is written by users in TOML (see ``resources/schema/default.toml`` for the format)
and stored in the project as JSON. :func:`parse_schema` validates a TOML document and reports
every problem with the path of the offending entry, e.g. ``layer "entity", label "PER":
hotkey "p" is already used by label "PERSON"``.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from annotator.resources_path import resource_path

# Names in any script (Arabic labels are normal for Arabic teams): a letter or _, then letters,
# marks, digits, _ . or -; no spaces, so a name is one token in every format.
_NAME = re.compile(r"^[^\W\d][\w.\-\u0610-\u061a\u064b-\u065f\u0670]*$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class SchemaError(ValueError):
    """A schema that cannot be used; the message lists every problem found."""


@dataclass(frozen=True)
class Label:
    name: str
    en: str
    ar: str
    color: str
    hotkey: str = ""
    guideline: str = ""
    # attribute name -> allowed values; an empty tuple means any string.
    attributes: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Layer:
    name: str
    en: str
    ar: str
    overlap: bool
    labels: tuple[Label, ...]

    def label(self, name: str) -> Label | None:
        return self._labels.get(name)

    @cached_property
    def _labels(self) -> dict[str, Label]:
        # Looked up for every imported span: a dict, built once (the dataclass is frozen).
        return {label.name: label for label in reversed(self.labels)}


@dataclass(frozen=True)
class RelationType:
    name: str
    en: str
    ar: str
    from_layer: str
    to_layer: str


@dataclass(frozen=True)
class Schema:
    layers: tuple[Layer, ...]
    relations: tuple[RelationType, ...]
    # Display names of attribute names and values, per language: {"ar": {"type": "النوع",
    # "direct": "مباشر"}}. Layers, labels and relations carry their own (en, ar).
    names: dict[str, dict[str, str]] = field(default_factory=dict)

    def title(self, identifier: str, language: str) -> str:
        """The display name of an attribute name or value in ``language`` ("en" or "ar"),
        else in English, else the identifier itself."""
        return self.names.get(language, {}).get(identifier) or self.names.get("en", {}).get(identifier) or identifier

    def relation_title(self, name: str, language: str) -> str:
        rel = self.relation(name)
        if rel is None:
            return name
        return (rel.ar if language == "ar" else rel.en) or name

    def layer(self, name: str) -> Layer | None:
        return self._layers.get(name)

    def relation(self, name: str) -> RelationType | None:
        return self._relations.get(name)

    @cached_property
    def _layers(self) -> dict[str, Layer]:
        # Looked up for every imported span and relation: dicts, built once (first name wins).
        return {layer.name: layer for layer in reversed(self.layers)}

    @cached_property
    def _relations(self) -> dict[str, RelationType]:
        return {rel.name: rel for rel in reversed(self.relations)}

    def layers_with_label(self, label: str) -> list[Layer]:
        return [layer for layer in self.layers if layer.label(label) is not None]

    def to_dict(self) -> dict[str, Any]:
        """The schema as plain data, in the shape of the TOML file (stored as JSON)."""
        return {
            "layer": [
                {
                    "name": layer.name,
                    "en": layer.en,
                    "ar": layer.ar,
                    "overlap": layer.overlap,
                    "label": [
                        {
                            "name": label.name,
                            "en": label.en,
                            "ar": label.ar,
                            "color": label.color,
                            "hotkey": label.hotkey,
                            "guideline": label.guideline,
                            "attributes": {k: list(v) for k, v in label.attributes.items()},
                        }
                        for label in layer.labels
                    ],
                }
                for layer in self.layers
            ],
            "relation": [
                {"name": r.name, "en": r.en, "ar": r.ar, "from": r.from_layer, "to": r.to_layer}
                for r in self.relations
            ],
            **({"names": {lang: dict(table) for lang, table in self.names.items()}} if self.names else {}),
        }

    def to_toml(self) -> str:
        """The schema written back as TOML (what ``annotator schema PROJECT`` prints)."""
        out: list[str] = []
        for layer in self.layers:
            out += ["[[layer]]", f"name = {_q(layer.name)}", f"en = {_q(layer.en)}",
                    f"ar = {_q(layer.ar)}", f"overlap = {'true' if layer.overlap else 'false'}", ""]
            for label in layer.labels:
                out += ["  [[layer.label]]", f"  name = {_q(label.name)}", f"  en = {_q(label.en)}",
                        f"  ar = {_q(label.ar)}", f"  color = {_q(label.color)}"]
                if label.hotkey:
                    out.append(f"  hotkey = {_q(label.hotkey)}")
                if label.guideline:
                    out.append(f"  guideline = {_q(label.guideline)}")
                if label.attributes:
                    out.append("  [layer.label.attributes]")
                    for key, values in label.attributes.items():
                        out.append(f"  {key} = [{', '.join(_q(v) for v in values)}]")
                out.append("")
        for rel in self.relations:
            out += ["[[relation]]", f"name = {_q(rel.name)}", f"en = {_q(rel.en)}", f"ar = {_q(rel.ar)}",
                    f"from = {_q(rel.from_layer)}", f"to = {_q(rel.to_layer)}", ""]
        for language, table in self.names.items():
            out.append(f"[names.{language}]")
            out += [f"{_q(key)} = {_q(value)}" for key, value in table.items()]
            out.append("")
        return "\n".join(out)


def _q(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes for everything we write.
    return json.dumps(value, ensure_ascii=False)


def parse_schema(data: dict[str, Any]) -> Schema:
    """Build a :class:`Schema` from TOML-shaped data, raising :class:`SchemaError` listing
    every problem."""
    problems: list[str] = []
    layers: list[Layer] = []
    unknown = set(data) - {"layer", "relation", "names"}
    if unknown:
        problems.append(f"unknown top-level keys: {', '.join(sorted(unknown))}")
    raw_layers = data.get("layer", [])
    if not isinstance(raw_layers, list) or not raw_layers:
        problems.append("the schema needs at least one [[layer]]")
        raw_layers = []
    seen_layers: set[str] = set()
    for n, raw in enumerate(raw_layers, 1):
        named = _named_table(raw, "layer", n, seen_layers, {"name", "en", "ar", "overlap", "label"}, problems)
        if named is None:
            continue
        name, where = named
        overlap = raw.get("overlap", True)
        if not isinstance(overlap, bool):
            problems.append(f"{where}: 'overlap' must be true or false")
            overlap = True
        labels = _parse_labels(raw.get("label", []), where, problems)
        layers.append(Layer(name, _text(raw, "en", name, where, problems),
                            _text(raw, "ar", name, where, problems), overlap, tuple(labels)))
    relations: list[RelationType] = []
    seen_relations: set[str] = set()
    raw_relations = data.get("relation", [])
    if not isinstance(raw_relations, list):
        problems.append("'relation' must be an array of tables ([[relation]])")
        raw_relations = []
    for n, raw in enumerate(raw_relations, 1):
        named = _named_table(raw, "relation", n, seen_relations, {"name", "en", "ar", "from", "to"}, problems)
        if named is None:
            continue
        name, where = named
        ends = []
        for key in ("from", "to"):
            value = raw.get(key)
            if value not in seen_layers:
                problems.append(f"{where}: '{key}' must name a layer (got {value!r})")
            ends.append(value if isinstance(value, str) else "")
        relations.append(RelationType(name, _text(raw, "en", name, where, problems),
                                      _text(raw, "ar", name, where, problems), ends[0], ends[1]))
    names = _parse_names(data.get("names", {}), problems)
    if problems:
        raise SchemaError("; ".join(problems))
    return Schema(tuple(layers), tuple(relations), names)


def _parse_names(raw: Any, problems: list[str]) -> dict[str, dict[str, str]]:
    """``[names.LANG]`` tables: attribute names and values -> display names."""
    if not isinstance(raw, dict):
        problems.append("'names' must be a table of [names.LANGUAGE] tables")
        return {}
    names: dict[str, dict[str, str]] = {}
    for language, table in raw.items():
        if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
            problems.append(f"[names.{language}]: must map names to display names (strings)")
            continue
        names[language] = dict(table)
    return names


def _parse_labels(raw_labels: Any, where: str, problems: list[str]) -> list[Label]:
    if not isinstance(raw_labels, list) or not raw_labels:
        problems.append(f"{where}: needs at least one [[layer.label]]")
        return []
    labels: list[Label] = []
    hotkeys: dict[str, str] = {}
    seen: set[str] = set()
    allowed = {"name", "en", "ar", "color", "hotkey", "guideline", "attributes"}
    for n, raw in enumerate(raw_labels, 1):
        named = _named_table(raw, f"{where}, label", n, seen, allowed, problems)
        if named is None:
            continue
        name, here = named
        color = raw.get("color", "#888888")
        if not isinstance(color, str) or not _COLOUR.match(color):
            problems.append(f"{here}: 'color' must look like \"#1f77b4\" (got {color!r})")
            color = "#888888"
        hotkey = raw.get("hotkey", "")
        if not isinstance(hotkey, str) or len(hotkey) > 1:
            problems.append(f"{here}: 'hotkey' must be a single character (got {hotkey!r})")
            hotkey = ""
        hotkey = hotkey.lower()
        if hotkey:
            if hotkey in hotkeys:
                problems.append(f'{here}: hotkey "{hotkey}" is already used by label "{hotkeys[hotkey]}"')
            hotkeys[hotkey] = name
        guideline = raw.get("guideline", "")
        if not isinstance(guideline, str) or "\n" in guideline:
            problems.append(f"{here}: 'guideline' must be one line of text")
            guideline = ""
        attributes: dict[str, tuple[str, ...]] = {}
        raw_attrs = raw.get("attributes", {})
        if not isinstance(raw_attrs, dict):
            problems.append(f"{here}: 'attributes' must be a table of name = [allowed values]")
            raw_attrs = {}
        for key, values in raw_attrs.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                problems.append(f'{here}, attribute "{key}": allowed values must be a list of strings ([] = any text)')
                continue
            attributes[key] = tuple(values)
        labels.append(Label(name, _text(raw, "en", name, here, problems), _text(raw, "ar", name, here, problems),
                            color, hotkey, guideline, attributes))
    return labels


def _named_table(raw: Any, kind: str, n: int, seen: set[str], allowed: set[str],
                 problems: list[str]) -> tuple[str, str] | None:
    """Check the parts every layer, label and relation table shares: a table, a valid unique
    name, known keys. Returns (name, where-to-report) or None when it cannot be used."""
    if not isinstance(raw, dict):
        problems.append(f"{kind} #{n}: must be a table")
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(f"{kind} #{n}: 'name' must be a word of letters, digits, _ . or - (got {name!r})")
        return None
    where = f'{kind} "{name}"'
    if name in seen:
        problems.append(f"{where}: defined twice")
    seen.add(name)
    _check_keys(raw, allowed, where, problems)
    return name, where


def _text(raw: dict, key: str, default: str, where: str, problems: list[str]) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        problems.append(f"{where}: '{key}' must be a string")
        return default
    return value


def _check_keys(raw: dict, allowed: set[str], where: str, problems: list[str]) -> None:
    unknown = set(raw) - allowed
    if unknown:
        problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(allowed))})")


def load_schema_file(path: str | Path) -> Schema:
    """Read and validate a schema TOML file; errors name the file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise SchemaError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise SchemaError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{path}: invalid TOML: {exc}") from None
    try:
        return parse_schema(data)
    except SchemaError as exc:
        raise SchemaError(f"{path}: {exc}") from None


def default_schema() -> Schema:
    """The schema for news quote attribution plus NER, shipped in resources/schema."""
    return load_schema_file(resource_path("schema", "default.toml"))


# ----------------------------------------------------------------------------- extending

PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45", "#fabed4",
           "#469990", "#dcbeff", "#9a6324", "#800000", "#aaffc3", "#808000", "#000075")


class OpenSchema:
    """A schema that lets readers accept labels it does not have (import --extend-schema):
    a label no layer holds goes to the layer the format names (Label Studio's from_name) when
    that layer exists, else to ``default_layer``. Everything else is the real schema's."""

    accepts_new_labels = True

    def __init__(self, schema: Schema, default_layer: str):
        self._schema = schema
        self.default_layer = default_layer

    def __getattr__(self, name: str):
        return getattr(self._schema, name)


@dataclass
class SchemaDeclaration:
    """What a foreign tool's own configuration declares (brat's annotation.conf, a Label
    Studio label config), for ``import --extend-schema``: labels even when no record uses them,
    attribute values, relation types with the labels at their ends."""

    source: str
    labels: list[tuple[str | None, str]] = field(default_factory=list)  # (layer or None, label)
    attributes: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # (label, name, values)
    relations: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)  # name, from, to
    not_carried: list[str] = field(default_factory=list)


_NOT_NAME = re.compile(r"[^\w.-]+")


def extend_schema(schema: Schema, records, declarations=(), default_layer: str | None = None
                  ) -> tuple[Schema, list[str]]:
    """``schema`` with the layers, labels, attributes (and allowed values) and relation types
    that ``declarations`` declare and ``records`` use and it lacks, and a line per addition.
    ``records`` is read once, as a stream (declarations may come in it too), so extending the
    schema from a large import holds no more than the schema in memory."""
    layers = {layer.name: {"layer": layer, "labels": {label.name: label for label in layer.labels}}
              for layer in schema.layers}
    relations = {rel.name: rel for rel in schema.relations}
    added: list[str] = []
    colours = iter(PALETTE * 8)
    default_layer = default_layer or ("entity" if "entity" in layers else next(iter(layers), "entity"))

    def layer_of_label(name: str) -> str | None:
        return next((layer for layer, entry in layers.items() if name in entry["labels"]), None)

    def add_label(layer_name: str, name: str) -> Label:
        entry = layers.get(layer_name)
        if entry is None:
            entry = layers[layer_name] = {"layer": Layer(layer_name, layer_name, layer_name, True, ()), "labels": {}}
            added.append(f"layer {layer_name!r}")
        if name not in entry["labels"]:
            entry["labels"][name] = Label(name, name, name, next(colours), "", "", {})
            added.append(f"label {name!r} in layer {layer_name!r}")
        return entry["labels"][name]

    def declare(declaration) -> None:
        for layer_name, name in declaration.labels:
            if layer_of_label(name) is None:
                add_label(layer_name if layer_name else default_layer, name)
        for label_name, key, values in declaration.attributes:
            layer_name = layer_of_label(label_name)
            if layer_name is None:
                continue
            label = layers[layer_name]["labels"][label_name]
            attributes = dict(label.attributes)
            old = attributes.get(key)
            if old is None:
                attributes[key] = tuple(values)
                added.append(f"attribute {key!r} of {label_name!r}"
                             + (f" ({', '.join(values)})" if values else " (free text)"))
            elif old and values and set(values) - set(old):
                attributes[key] = (*old, *[v for v in values if v not in old])
                added.append(f"values {', '.join(v for v in values if v not in old)} of attribute {key!r} of "
                             f"{label_name!r}")
            if attributes != label.attributes:
                layers[layer_name]["labels"][label_name] = Label(label.name, label.en, label.ar, label.color,
                                                                 label.hotkey, label.guideline, attributes)
        for name, from_labels, to_labels in declaration.relations:
            ends = [next((layer_of_label(l) for l in labels if layer_of_label(l)), None)
                    for labels in (from_labels, to_labels)]
            if name not in relations and None not in ends:
                relations[name] = RelationType(name, name, name, *ends)
                added.append(f"relation {name!r} ({ends[0]} → {ends[1]})")
    for declaration in declarations:
        declare(declaration)
    for record in records:
        if isinstance(record, SchemaDeclaration):  # in the stream: taken where it comes
            declare(record)
            continue
        if not hasattr(record, "spans"):
            continue  # errors and skipped records say nothing about the schema
        layer_of: dict[str, str] = {}
        for span in record.spans:
            layer_of[span.id] = span.layer
            if not (isinstance(span.layer, str) and isinstance(span.label, str)):
                continue
            for kind, name in (("layer", span.layer), ("label", span.label)):
                if not _NAME.match(name):
                    suggestion = _NOT_NAME.sub("_", name)
                    raise SchemaError(f"{record.source}: {kind} {name!r} cannot be added to the schema: names are "
                                      f"one word of letters, digits, _ . or - (rename it in the source, e.g. "
                                      f"{suggestion!r})")
            entry = layers.get(span.layer)
            if entry is None:
                entry = layers[span.layer] = {"layer": Layer(span.layer, span.layer, span.layer, True, ()),
                                              "labels": {}}
                added.append(f"layer {span.layer!r}")
            label = entry["labels"].get(span.label)
            if label is None:
                label = Label(span.label, span.label, span.label, next(colours), "", "", {})
                added.append(f"label {span.label!r} in layer {span.layer!r}")
            attributes = dict(label.attributes)
            for key, value in (span.attrs or {}).items():
                if not isinstance(key, str) or not isinstance(value, str):
                    continue
                if key not in attributes:
                    attributes[key] = ()
                    added.append(f"attribute {key!r} of {span.label!r} (free text)")
                elif attributes[key] and value not in attributes[key]:
                    attributes[key] = (*attributes[key], value)
                    added.append(f"value {value!r} of attribute {key!r} of {span.label!r}")
            if attributes != label.attributes:
                label = Label(label.name, label.en, label.ar, label.color, label.hotkey, label.guideline, attributes)
            entry["labels"][span.label] = label
        for relation in record.relations:
            ends = (layer_of.get(relation.from_id), layer_of.get(relation.to_id))
            if relation.label not in relations and isinstance(relation.label, str) and None not in ends:
                relations[relation.label] = RelationType(relation.label, relation.label, relation.label, *ends)
                added.append(f"relation {relation.label!r} ({ends[0]} → {ends[1]})")
    if not added:
        return schema, []
    new_layers = tuple(Layer(e["layer"].name, e["layer"].en, e["layer"].ar, e["layer"].overlap,
                             tuple(e["labels"].values())) for e in layers.values())
    extended = Schema(new_layers, tuple(relations.values()), schema.names)
    # The same checks as a schema file: a name that cannot be a name is refused here.
    return parse_schema(extended.to_dict()), added
