"""A server error in the user's language: its code's words in Chinese, the server's own English
(it names the thing) in English, and the server's message for a code with no words."""
from .conftest import open_app

MESSAGE_FOR = """async ([language, error]) => {
  const i18n = await import('/js/i18n.js');
  const { messageFor } = await import('/js/ui.js');
  i18n.setLanguage(language);
  return messageFor(error);
}"""
SHORT = {"status": 409, "code": "insufficient_stock", "message": "SKU-1: 5 ordered, 2 available."}


def test_server_error_is_shown_in_chinese_by_its_code(server, page):
    open_app(page, server)
    assert page.evaluate(MESSAGE_FOR, ["zh-CN", SHORT]) == "库存不足。"


def test_server_error_is_shown_in_the_servers_english_words(server, page):
    open_app(page, server)
    assert page.evaluate(MESSAGE_FOR, ["en", SHORT]) == "SKU-1: 5 ordered, 2 available."


def test_code_without_words_falls_back_to_the_servers_message(server, page):
    open_app(page, server)
    error = {"status": 418, "code": "teapot", "message": "I am a teapot."}
    assert page.evaluate(MESSAGE_FOR, ["zh-CN", error]) == "I am a teapot."
