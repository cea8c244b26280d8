"""The application as PDF and DOCX, read back: sections, the sums, umlauts, the IBAN masked for members."""

from tests.reports.readback import docx_text, pdf_text


def download(client, application, name):
    response = client.get(f"/dialoge/{application.dialogue_id}/foerderung/{name}")
    assert response.status_code == 200, response.status_code
    return response


def test_the_application_pdf_has_every_section_and_the_right_sums(client_for, consultant, application):
    response = download(client_for(consultant), application, "foerderantrag.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for heading in ("Förderantrag", "Förderprogramm", "Antragsteller", "Das Vorhaben", "Kostenplan"):
        assert heading in text
    assert "Flüchtlingshilfe durch Bürgerschaftliches Engagement und Zivilgesellschaft" in text
    assert "3.500,00 €" in text  # total
    assert "3.000,00 €" in text  # requested = cap
    assert "500,00 €" in text  # own share
    assert "Jörg Müller" in text and "Honorar Moderation" in text and "Gesamtkosten" in text
    assert "DE89 3704 0044 0532 0130 00" in text  # planners see the account


def test_the_application_docx_has_the_same_content(client_for, consultant, application):
    text = docx_text(download(client_for(consultant), application, "foerderantrag.docx").content)
    assert "Kostenplan" in text and "3.500,00 €" in text and "Beantragte Förderung" in text
    assert "Zusammenleben in Kommune A" in text


def test_a_moderator_gets_the_application_with_a_masked_iban(client_for, moderator, application):
    text = pdf_text(download(client_for(moderator), application, "foerderantrag.pdf").content)
    assert "3704" not in text and "3000" in text.replace(" ", "")


def test_the_application_document_needs_an_application(client_for, consultant, dialogue):
    assert client_for(consultant).get(f"/dialoge/{dialogue.pk}/foerderung/foerderantrag.pdf").status_code == 404


def test_an_outsider_cannot_download_the_application(client_for, outsider, application):
    assert (
        client_for(outsider).get(f"/dialoge/{application.dialogue_id}/foerderung/foerderantrag.pdf").status_code == 404
    )


def test_a_cost_item_that_names_its_category_is_not_written_twice(client_for, consultant, application):
    line = application.cost_lines.get(category="interpreters")
    line.description = "Dolmetschen Arabisch und Farsi"
    line.save()
    application.cost_lines.filter(category="venue").update(description="Bürgersaal im Rathaus")
    text = pdf_text(download(client_for(consultant), application, "foerderantrag.pdf").content)
    assert "Dolmetschen: Dolmetschen" not in text and "Dolmetschen Arabisch und Farsi" in text
    assert "Raummiete: Bürgersaal im Rathaus" in text  # a description that does not name it keeps the category


def test_a_one_day_dialogue_shows_one_date_and_the_submission_date_is_given(client_for, consultant, application):
    import datetime

    application.starts_on = application.ends_on = datetime.date(2026, 12, 12)
    application.status, application.submitted_on = "submitted", datetime.date(2026, 11, 2)
    application.save()
    text = pdf_text(download(client_for(consultant), application, "foerderantrag.pdf").content)
    assert "Zeitraum 12.12.2026" in text and "12.12.2026 – 12.12.2026" not in text
    assert "Eingereicht am 02.11.2026" in text


def test_every_funding_document_says_as_of_which_day_it_was_made(client_for, consultant, application):
    from django.utils import timezone

    today = timezone.localdate().strftime("%d.%m.%Y")
    for name in ("foerderantrag.pdf", "verwendungsnachweis.pdf", "steckbrief.pdf"):
        assert f"Stand: {today}" in pdf_text(download(client_for(consultant), application, name).content), name
