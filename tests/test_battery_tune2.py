"""The second tune set (tests/battery/tune2.yaml): pairs paraphrasing published texts, part of
the tune half. These tests check its format; its accuracy floor is in test_compare_eval_battery."""

from collections import Counter

from conftest import BATTERY_SPLIT, raw_battery

PREFIX = BATTERY_SPLIT.PREFIX  # the id prefix of each domain


def _raw():
    return raw_battery("tune2.yaml")["pairs"]


def test_tune2_is_wide_enough_and_every_pair_names_its_published_source():
    pairs = _raw()
    assert len(pairs) >= 80
    assert len({p["domain"] for p in pairs}) >= 10
    for p in pairs:
        assert p["source"].startswith(("http://", "https://")), p["id"]
        assert p["why"].strip(), p["id"]
        assert p["id"].split("-")[0] == PREFIX[p["domain"]] and int(p["id"].split("-")[1]) > 700, p["id"]
        for side in ("old", "new"):
            assert 6 <= len(p[side].split()) <= 40, (p["id"], side)


def test_tune2_holds_the_weak_classes_and_their_counterparts():
    seen = Counter((p["class"], p["status"]) for p in _raw())
    assert seen["flip-without-not", "reversed"] >= 30
    assert seen["stance-synonym", "persisted"] >= 15
    assert seen["quantity-equal", "persisted"] >= 10
    assert seen["quantity-unequal", "changed"] >= 5
