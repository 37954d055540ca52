from resguardo.catalogue.facets import bitmap, members


def test_a_bitmap_holds_exactly_its_ids():
    bits = bitmap([1, 5, 64, 1000])
    assert bits.bit_count() == 4
    assert list(members(bits, list(range(2000)))) == [1, 5, 64, 1000]


def test_members_follow_the_given_order_and_skip_ids_beyond_the_bitmap():
    assert list(members(bitmap([3, 9]), [9, 100_000, 3, 4])) == [9, 3]


def test_an_empty_bitmap_has_no_members():
    assert bitmap([]) == 0
    assert list(members(0, [1, 2, 3])) == []
