"""A staff form that comes back with errors opens with a summary at the top: a heading, then one link per
invalid field to that field's id (_error_summary.html); the shared script focuses it on load."""

import lxml.html
import pytest

pytestmark = pytest.mark.django_db

HEADING = "Bitte korrigieren Sie die folgenden Angaben"


def summary_of(response):
    tree = lxml.html.fromstring(response.content.decode())
    summaries = tree.xpath("//*[@data-error-summary]")
    return summaries[0] if summaries else None, tree


def links_of(summary) -> dict[str, str]:
    return {a.get("href"): a.text_content() for a in summary.xpath(".//a")}


def test_a_task_without_title_and_date_shows_the_summary_with_links_to_both_fields(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/projektplan/", {"title": "", "due_on": "kein Datum", "status": "open"}
    )
    summary, tree = summary_of(response)
    assert response.status_code == 422
    assert summary is not None
    assert summary.get("role") == "alert" and summary.get("tabindex") == "-1"
    assert summary.xpath(".//h2")[0].text_content() == HEADING
    links = links_of(summary)
    assert links["#id_title"] == "Titel: Bitte geben Sie der Aufgabe einen Titel."
    assert links["#id_due_on"].endswith("Bitte geben Sie ein gültiges Datum ein.")
    for href in links:  # each link leads to a field of the page
        assert tree.get_element_by_id(href[1:]).tag in {"input", "select", "textarea"}


def test_the_summary_comes_first_in_the_form(client_for, consultant, dialogue):
    summary, _tree = summary_of(client_for(consultant).post(f"/dialoge/{dialogue.pk}/projektplan/", {"title": ""}))
    form = summary.getparent()
    assert form.tag == "form"
    assert [child for child in form if child.tag != "input"][0] is summary  # after the CSRF token only


def test_a_form_without_errors_has_no_summary(client_for, consultant, dialogue):
    summary, _tree = summary_of(client_for(consultant).get(f"/dialoge/{dialogue.pk}/projektplan/"))
    assert summary is None


def test_a_failed_login_lists_the_form_error_once_and_without_a_link(client, consultant):
    response = client.post("/konto/anmelden/", {"username": consultant.email, "password": "falsch"})
    summary, tree = summary_of(response)
    assert summary is not None and summary.xpath(".//h2")[0].text_content() == HEADING
    items = summary.xpath(".//li")
    assert len(items) == 1 and not items[0].xpath(".//a")
    assert not tree.xpath(
        "//*[contains(@class, 'form-errors')]"
    )  # the summary replaces the former box, the message shows once


def test_the_needs_analysis_lists_every_unanswered_question(client_for, consultant, dialogue):
    response = client_for(consultant).post(
        f"/dialoge/{dialogue.pk}/bedarfsanalyse/", {"situation": "So weit sind wir.", "complete": "1"}
    )
    summary, tree = summary_of(response)
    assert summary is not None
    links = links_of(summary)
    assert set(links) == {"#id_measures_summary", "#id_themes_summary", "#id_actors_summary", "#id_design_summary"}
    assert all(tree.get_element_by_id(href[1:]).tag == "textarea" for href in links)


def test_the_summary_link_of_a_checkbox_group_leads_to_the_group(client_for, consultant, dialogue):
    from dialogwerk.preparation.models import Actor, Perspective

    perspective = Perspective.objects.filter(dialogue=dialogue).first() or Perspective.objects.create(
        dialogue=dialogue, name="Verwaltung"
    )
    Actor.objects.create(
        dialogue=dialogue, name="Verein", perspective=perspective, email="verein@example.org", consent=True
    )
    summary, tree = summary_of(client_for(consultant).post(f"/dialoge/{dialogue.pk}/einladungen/", {"send": "1"}))
    assert summary is not None
    (href,) = links_of(summary)
    assert tree.get_element_by_id(href[1:]).tag == "fieldset"


def test_help_texts_are_the_descriptions_the_fields_point_to(client_for, consultant, dialogue):
    """Django points aria-describedby at <id>_helptext and <id>_error; both must exist on the page."""
    _summary, tree = summary_of(client_for(consultant).post(f"/dialoge/{dialogue.pk}/projektplan/", {"title": ""}))
    described = tree.xpath("//form//*[@aria-describedby]")
    assert described
    for element in described:
        for ref in element.get("aria-describedby").split():
            assert tree.get_element_by_id(ref) is not None, ref


def test_every_page_loads_the_shared_script_from_a_file(client):
    html = client.get("/konto/anmelden/").content.decode()
    tree = lxml.html.fromstring(html)
    scripts = tree.xpath("//script")
    assert any(s.get("src", "").endswith("js/forms.js") for s in scripts)
    assert all(s.get("src") for s in scripts)  # the CSP allows no inline script
