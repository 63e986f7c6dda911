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
