"""Chinese first: a browser asking for English still gets Chinese until the user switches."""


def test_the_ui_is_chinese_whatever_the_browser_asks_for(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
    assert "登录 scipark" in response.content.decode()


def test_the_switch_turns_the_ui_english_and_back(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    english = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in english
    assert "登录 scipark" not in english
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    assert "登录 scipark" in client.get("/accounts/login/").content.decode()


def test_an_api_client_gets_the_language_it_asks_for(client):
    english = client.get("/api/v1/enterprises/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert english.status_code in (401, 403)
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    assert english.json()["detail"] == "Authentication credentials were not provided."
    chinese = client.get("/api/v1/enterprises/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert chinese["Content-Language"] == "zh-hans"
    assert chinese.json()["detail"] != english.json()["detail"]


def test_an_api_client_asking_for_nothing_or_an_unknown_language_gets_chinese(client):
    assert client.get("/api/v1/enterprises/")["Content-Language"] == "zh-hans"
    assert client.get("/api/v1/enterprises/", HTTP_ACCEPT_LANGUAGE="fr")["Content-Language"] == "zh-hans"


def test_the_switch_outranks_the_header_on_the_api_too(client):
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    response = client.get("/api/v1/enterprises/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "zh-hans"
