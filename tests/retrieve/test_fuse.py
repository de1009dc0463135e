from assistant.retrieve.fuse import fuse_rankings


def test_ids_in_both_rankings_rise_to_the_top() -> None:
    fused = fuse_rankings([["a", "b", "c"], ["b", "d"]], k=60)
    assert [id_ for id_, _ in fused] == ["b", "a", "d", "c"]
    assert fused[0][1] == 1 / 62 + 1 / 61


def test_ties_keep_first_appearance_order() -> None:
    assert [id_ for id_, _ in fuse_rankings([["x"], ["y"]])] == ["x", "y"]


def test_no_rankings_fuse_to_nothing() -> None:
    assert fuse_rankings([[], []]) == []
