"""import --extend-schema takes the schema from a tool's own configuration: brat's
annotation.conf and Label Studio's labeling config, labels in any script."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.store.project import Project

DATA = Path(__file__).parent / "data"

# Label Studio's "Named Entity Recognition" template, with Arabic labels as Arabic teams write them.
LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="شخص" background="red"/>
    <Label value="منظمة" background="darkorange"/>
    <Label value="مكان" background="orange"/>
    <Label value="MISC" background="green"/>
  </Labels>
  <Relations>
    <Relation value="said_by"/>
  </Relations>
  <Choices name="sentiment" toName="text">
    <Choice value="positive"/>
  </Choices>
  <Text name="text" value="$text"/>
</View>
"""


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(cli, ["init", "p.db"])
    return lambda *args: CliRunner().invoke(cli, [str(a) for a in args])


def test_brat_annotation_conf_gives_the_relation_types_even_unused(run, tmp_path):
    result = run("import", "p.db", DATA / "brat-bionlp-rel", "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        schema = proj.schema
        assert schema.layer("entity").label("Protein") and schema.layer("entity").label("Entity")
        relations = {r.name: (r.from_layer, r.to_layer) for r in schema.relations}
        # Equiv and Subunit-Complex are declared, not used in this document: added all the same.
        for name in ("Protein-Component", "Equiv", "Subunit-Complex", "ENTITY-NESTING"):
            assert relations[name] == ("entity", "entity")
        (doc_id,) = proj.document_ids()
        assert len(proj.spans(doc_id)) == 30 and len(proj.relations(doc_id)) == 9
    assert "relation 'Equiv'" in result.output


def test_a_brat_conf_with_attributes_and_events(run, tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "annotation.conf").write_text(
        "[entities]\nPerson\n!Abstract\n\tOrganisation\n[relations]\nSaid_by\tArg1:Quote, Arg2:Person\n"
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n[events]\nMeeting\tParticipant:Person\n"
        "[attributes]\nNegated\tArg:Person\nConfidence\tArg:Person|Organisation, Value:low|high\n", encoding="utf-8")
    (folder / "a.txt").write_text("Ahmed met ACME.", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tPerson 0 5\tAhmed\nA1\tConfidence T1 high\n", encoding="utf-8")
    result = run("import", "p.db", folder, "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        layer = proj.schema.layer("entity")
        assert layer.label("Organisation") is not None and layer.label("Abstract") is None
        assert layer.label("Person").attributes == {"Negated": ("true",), "Confidence": ("low", "high")}
        assert layer.label("Organisation").attributes == {"Confidence": ("low", "high")}
        # Quote is no label anywhere: the relation has no layer to start from.
        assert "Said_by" not in {r.name for r in proj.schema.relations}
    assert "event type 'Meeting'" in result.output  # reported as not carried


def test_label_studio_label_config_adds_its_labels_in_any_script(run, tmp_path):
    (tmp_path / "config.xml").write_text(LABEL_CONFIG, encoding="utf-8")
    task = [{"id": 1, "data": {"text": "زار أحمد القاهرة"},
             "annotations": [{"completed_by": 3, "result": [
                 {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
                  "value": {"start": 4, "end": 8, "text": "أحمد", "labels": ["شخص"]}}]}]}]
    (tmp_path / "ls.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    refused = run("import", "p.db", "ls.json", "--label-config", "config.xml")
    assert refused.exit_code == 2 and "--extend-schema" in refused.output
    result = run("import", "p.db", "ls.json", "--label-config", "config.xml", "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        layer = proj.schema.layer("entity")
        for name in ("شخص", "منظمة", "مكان"):  # two of them unused by the task
            assert layer.label(name) is not None
        (span,) = proj.spans("1")
        assert span.label == "شخص"
    assert "<Choices name='sentiment'>" in result.output and "said_by" in result.output


def test_a_broken_label_config_names_the_file_and_line_and_changes_nothing(run, tmp_path):
    (tmp_path / "config.xml").write_text("<View>\n<Labels name='label'>\n<Label value='PER'>\n</View>\n",
                                         encoding="utf-8")
    (tmp_path / "ls.json").write_text("[]", encoding="utf-8")
    result = run("import", "p.db", "ls.json", "--label-config", "config.xml", "--extend-schema")
    assert result.exit_code == 1 and "config.xml:4" in result.output and "XML" in result.output
    (tmp_path / "empty.xml").write_text("<View><Text name='text' value='$text'/></View>", encoding="utf-8")
    result = run("import", "p.db", "ls.json", "--label-config", "empty.xml", "--extend-schema")
    assert result.exit_code == 1 and "no <Labels>" in result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.schema.layer("entity").label("PER") is not None  # the default schema, untouched
        assert proj.document_ids() == []


def test_a_per_region_choice_of_an_attribute_the_schema_has_is_not_called_not_carried(run, tmp_path):
    config = ('<View><Text name="text" value="$text"/><Labels name="quote" toName="text"><Label value="QUOTE"/>'
              '</Labels><Choices name="type" toName="text" perRegion="true"><Choice value="direct"/></Choices>'
              '<Choices name="tone" toName="text" perRegion="true"><Choice value="calm"/></Choices></View>')
    (tmp_path / "config.xml").write_text(config, encoding="utf-8")
    region = {"start": 4, "end": 8}
    task = [{"id": 1, "data": {"text": "قال «نعم» أمس"}, "annotations": [{"completed_by": 3, "result": [
        {"id": "a", "from_name": "quote", "to_name": "text", "type": "labels",
         "value": {**region, "labels": ["QUOTE"]}},
        {"id": "a", "from_name": "type", "to_name": "text", "type": "choices",
         "value": {**region, "choices": ["direct"]}}]}]}]
    (tmp_path / "ls.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    result = run("import", "p.db", "ls.json", "--label-config", "config.xml", "--extend-schema")
    assert result.exit_code == 0, result.output
    assert "<Choices name='tone'>" in result.output and "<Choices name='type'>" not in result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert [s.attrs for s in proj.spans("1")] == [{"type": "direct"}]
