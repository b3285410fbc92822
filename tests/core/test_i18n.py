"""Dutch is the default language; English is complete and chosen per user or browser."""

import pytest
from django.test import Client

from ketenwacht import settings as project_settings


def test_project_default_language_is_dutch() -> None:
    assert project_settings.LANGUAGE_CODE == "nl"
    assert [code for code, _ in project_settings.LANGUAGES] == ["nl", "en"]


@pytest.mark.django_db
def test_login_page_speaks_dutch_by_default_and_english_on_request(settings) -> None:  # noqa: ANN001
    settings.LANGUAGE_CODE = "nl"
    dutch = Client().get("/login/").content.decode()
    assert 'lang="nl"' in dutch and "Direct naar de inhoud" in dutch
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/login/").content.decode()
    assert 'lang="en"' in english and "Skip to main content" in english
