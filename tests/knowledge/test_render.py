from bot.knowledge.render import title_lookup, to_mrkdwn, to_text

ANSWER = (
    "Safari est en cours de mise en compatibilité ([Safari](#safari)). Écrivez au support : "
    "<https://sg-autorepondeur.com/app/support.php>, voir [l'aide](https://example.org/a). "
    "Les réponses **ne se trouvent pas déjà** dans les vidéos & co <3."
)
TITLES = title_lookup({"sg/safari": "Safari et SG Autorépondeur"}, "sg")


def test_plain_text_has_no_markdown_marks() -> None:
    text = to_text(ANSWER, TITLES)
    assert "(#" not in text and "**" not in text and "<https" not in text
    assert "compatibilité (« Safari et SG Autorépondeur »)." in text
    assert "https://sg-autorepondeur.com/app/support.php" in text
    assert "l'aide (https://example.org/a)" in text
    assert "ne se trouvent pas déjà" in text


def test_slack_mrkdwn_links_bold_and_escaping() -> None:
    text = to_mrkdwn(ANSWER, TITLES)
    assert "<https://sg-autorepondeur.com/app/support.php>" in text
    assert "<https://example.org/a|l'aide>" in text
    assert "*ne se trouvent pas déjà*" in text
    assert "&amp; co &lt;3" in text
    assert "(#safari)" not in text


def test_unknown_anchor_keeps_the_link_text() -> None:
    assert to_text("voir [ceci](#ailleurs)", TITLES) == "voir ceci"


def test_slack_bullets_and_headings() -> None:
    assert to_mrkdwn("### Titre\n- un\n- [deux](#safari)", TITLES) == (
        "*Titre*\n• un\n• « Safari et SG Autorépondeur »"
    )


def test_slack_link_labels_and_urls_with_parentheses() -> None:
    text = to_mrkdwn(
        "[Espace client > Factures | aide](https://ex.com/f) et "
        "[wiki](https://fr.wikipedia.org/wiki/SFR_(entreprise))."
    )
    assert "<https://ex.com/f|Espace client &gt; Factures \u2223 aide>" in text
    assert "<https://fr.wikipedia.org/wiki/SFR_(entreprise)|wiki>." in text
    assert to_text("[wiki](https://fr.wikipedia.org/wiki/SFR_(entreprise))") == (
        "wiki (https://fr.wikipedia.org/wiki/SFR_(entreprise))"
    )
