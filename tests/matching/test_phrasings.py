"""The closest phrasings of a window: laid out once (small bases) or scored directly (large
ones), the same phrasings in the same order with the same Dice."""

from __future__ import annotations

import random

from bot.matching.phrasings import closest, closest_direct, view
from bot.matching.query import Window

IDF = {"factur": 2.0, "telecharg": 1.5, "compt": 0.5, "bancair": 2.5, "chang": 1.0}


def window(weights: dict[str, float]) -> Window:
    return Window(" ".join(weights), weights, sum(weights.values()))


def test_the_closest_phrasings_share_the_most_weight_and_ties_keep_their_order() -> None:
    texts = ["chang compt bancair", "factur telecharg", "telecharg compt", "qou factur"]
    w = window({"factur": 2.0, "telecharg": 1.5})
    near = closest(view(texts, IDF), w, 2, IDF)
    assert [t for t, _ in near] == ["factur telecharg", "qou factur"]  # factur outweighs
    assert near[0][1] == 1.0  # the same terms: a Dice of 1
    # fewer phrasings sharing a term than kept: the first others, in order
    assert [t for t, _ in closest(view(texts, IDF), window({"bancair": 2.5}), 2, IDF)] == [
        "chang compt bancair",
        "factur telecharg",
    ]


def test_laid_out_and_direct_agree() -> None:
    rng = random.Random(4)
    terms = list(IDF) + ["qou", "inconnu"]
    for _ in range(200):
        texts = [" ".join(rng.sample(terms, rng.randint(1, 4))) for _ in range(rng.randint(1, 12))]
        w = window({t: rng.uniform(0.2, 3.0) for t in rng.sample(terms, rng.randint(1, 5))})
        keep = rng.choice((4, 8))
        laid = closest(view(texts, IDF), w, keep, IDF)
        direct = closest_direct(texts, w, keep, IDF)
        assert [t for t, _ in laid] == [t for t, _ in direct]
        assert all(abs(a - b) < 1e-9 for (_, a), (_, b) in zip(laid, direct, strict=True))
