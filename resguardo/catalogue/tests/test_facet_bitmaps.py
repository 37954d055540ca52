import random

from resguardo.catalogue.facets import EMPTY, bitmap, members, positions_in


def test_members_follow_the_given_order():
    assert list(members(bitmap([3, 9, 64]), [64, 100_000, 3, 4, 9])) == [64, 3, 9]


def test_a_few_members_sorted_by_position_come_in_the_same_order_as_walked():
    order = list(range(5000))
    random.Random(6).shuffle(order)
    at = positions_in(order)
    for size in (0, 1, 3, 40, 2000):
        bits = bitmap(random.Random(size).sample(order, size))
        walked = list(members(bits, order))
        for wanted in (1, 20, size):
            assert list(members(bits, order, at, wanted=wanted)) == walked


def test_an_empty_bitmap_has_no_members():
    assert list(members(EMPTY, [1, 2, 3])) == []


def test_workers_share_remembered_results_of_the_same_index_version_only():
    from resguardo.catalogue.facets import FacetIndex

    calls = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    first, second_worker = FacetIndex(version="v1"), FacetIndex(version="v1")
    assert first.remember("q", compute) == [1]
    assert second_worker.remember("q", compute) == [1]
    assert FacetIndex(version="v2").remember("q", compute) == [2]


def test_without_an_index_version_nothing_is_shared():
    from resguardo.catalogue.facets import FacetIndex

    answers = iter([[1], [2]])
    assert FacetIndex(version="").remember("q", lambda: next(answers)) == [1]
    assert FacetIndex(version="").remember("q", lambda: next(answers)) == [2]
