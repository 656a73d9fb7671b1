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
    ]:
        path.write_text(content)
        with pytest.raises(InputError) as info:
            Settings.load(path)
        assert str(info.value).startswith(f"{path}: ") and message in str(info.value), str(info.value)
