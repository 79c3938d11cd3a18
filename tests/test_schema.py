import tomllib

import pytest

from annotator.core.schema import SchemaError, default_schema, load_schema_file, parse_schema


def test_default_schema_has_the_news_attribution_layers():
    schema = default_schema()
    assert [layer.name for layer in schema.layers] == ["segment", "entity", "quote", "speaker", "cue"]
    assert [label.name for label in schema.layer("segment").labels] == ["HEADLINE", "BODY", "BOILERPLATE", "OTHER"]
    assert not schema.layer("segment").overlap
    assert [label.name for label in schema.layer("entity").labels] == ["PER", "ORG", "GPE", "LOC", "MISC"]
    assert schema.layer("quote").label("QUOTE").attributes["type"] == ("direct", "indirect", "mixed")
    rels = {r.name: (r.from_layer, r.to_layer) for r in schema.relations}
    assert rels == {"said_by": ("quote", "speaker"), "cued_by": ("quote", "cue"), "refers_to": ("speaker", "entity"),
                    "continues": ("quote", "quote")}
    assert all(label.ar and label.en and label.color.startswith("#") for layer in schema.layers for label in layer.labels)


def test_schema_round_trips_through_toml():
    schema = default_schema()
    assert parse_schema(tomllib.loads(schema.to_toml())) == schema


def test_every_problem_is_reported_with_its_place(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        """
[[layer]]
name = "entity"
[[layer.label]]
name = "PER"
hotkey = "p"
color = "red"
[[layer.label]]
name = "PLACE"
hotkey = "p"
[[relation]]
name = "said_by"
from = "quote"
to = "entity"
""",
        encoding="utf-8",
    )
    with pytest.raises(SchemaError) as info:
        load_schema_file(bad)
    message = str(info.value)
    assert str(bad) in message
    assert 'layer "entity", label "PER": \'color\' must look like' in message
    assert 'label "PLACE": hotkey "p" is already used by label "PER"' in message
    assert "relation \"said_by\": 'from' must name a layer (got 'quote')" in message


def test_invalid_toml_names_the_file(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("[[layer]\nname=", encoding="utf-8")
    with pytest.raises(SchemaError, match="broken.toml: invalid TOML"):
        load_schema_file(bad)
