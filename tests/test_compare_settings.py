"""Reading a settings file: every fault is one InputError naming the file."""

import pytest

from demanddiff import InputError, Settings


def test_a_settings_file_of_odd_keys_or_values_is_one_input_error(tmp_path):
    path = tmp_path / "s.yaml"
    for content, message in [
        ("1: 2\na: 1\n", "unknown setting(s) 1, a"),
        ("- 1\n- 2\n", "settings are 'name: value' lines"),
        ("match_threshold: [1]\n", "setting match_threshold must be a number, not a list"),
        ("match_threshold: 0x10\n", "setting match_threshold must be a number, not str '0x10'"),
        ("match_threshold: -0.2\n", "setting match_threshold is a probability from 0 to 1 (1.01: never), not -0.2"),
        ("split_threshold: 7\n", "setting split_threshold is a probability from 0 to 1 (1.01: never), not 7"),
        ("match_semantic: 1e300\n", "setting match_semantic is a model weight from -100 to 100, not 1e+300"),
    ]:
        path.write_text(content)
        with pytest.raises(InputError) as info:
            Settings.load(path)
        assert str(info.value).startswith(f"{path}: ") and message in str(info.value), str(info.value)


def test_settings_at_the_ends_of_their_ranges_are_read(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("split_threshold: 1.01\nrematch_threshold: 0\nmatch_bias: -100\n")
    settings = Settings.load(path)
    assert (settings.split_threshold, settings.rematch_threshold, settings.match_bias) == (1.01, 0.0, -100.0)
