import pytest

from saferhub.register.normalise import address_key, format_postcode, is_outward_code, name_key, postcode_key


def test_name_key_drops_case_accents_apostrophes_and_punctuation():
    assert name_key("O'Brien-Smith ") == "obrien smith"
    assert name_key("  Zoë   MÜLLER ") == "zoe muller"
    assert name_key("José  D’Arcy.") == "jose darcy"
    assert name_key("") == ""


def test_name_key_casefolds_sharp_s():
    assert name_key("Straße") == "strasse"


def test_postcode_key_is_capitals_without_spaces():
    assert postcode_key(" cm7  3yg ") == "CM73YG"


@pytest.mark.parametrize(
    ("text", "formatted"),
    [
        ("cm73yg", "CM7 3YG"),
        ("CM7 3YG", "CM7 3YG"),
        ("sw1a1aa", "SW1A 1AA"),
        ("m1 1ae", "M1 1AE"),
        ("B338TH", "B33 8TH"),
    ],
)
def test_format_postcode_gives_the_usual_form(text, formatted):
    assert format_postcode(text) == formatted


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a postcode"),
        ("CM7 3Y!", "only include letters a to z, numbers and spaces"),
        ("CM7", "too short"),
        ("CM7 3YGXX", "too long"),
        ("7CM 3YG", "Enter a real UK postcode"),
        ("CM7 YY3", "Enter a real UK postcode"),
    ],
)
def test_a_bad_postcode_says_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        format_postcode(text)


def test_an_outward_code_alone_is_recognised():
    assert is_outward_code("cm7")
    assert is_outward_code("SW1A")
    assert not is_outward_code("CM7 3YG")


def test_address_key_combines_first_line_and_postcode():
    assert address_key("12, High St.", "cm7 3yg") == "12 high st CM73YG"
    assert address_key("12 high st", "CM7 3YG") == address_key("12, High St.", "cm73yg")
    assert address_key("", "CM7 3YG") == "CM73YG"
