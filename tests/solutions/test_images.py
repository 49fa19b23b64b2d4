"""flatten_and_scale: the digits' images as the course's columns."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.datasets import load_digits

from solutions import flatten_and_scale

gray_images = hnp.arrays(
    np.float64,
    st.tuples(st.integers(1, 6), st.integers(1, 8), st.integers(1, 8)),
    elements=st.floats(0, 16, allow_nan=False),
)


def test_the_digits_become_scikit_learns_rows_as_columns():
    digits = load_digits()
    columns = flatten_and_scale(digits.images)
    assert columns.shape == (64, 1797) and columns.dtype == np.float64
    np.testing.assert_array_equal(columns, digits.data.T / 16.0)
    assert columns.min() == 0.0 and columns.max() == 1.0


@given(gray_images)
def test_pixel_r_c_of_image_i_is_entry_r_cols_plus_c_of_column_i(images):
    before = images.copy()
    columns = flatten_and_scale(images)
    k, rows, cols = images.shape
    assert columns.shape == (rows * cols, k)
    for i in range(k):
        for r in range(rows):
            for c in range(cols):
                assert columns[r * cols + c, i] == images[i, r, c] / 16.0
    np.testing.assert_array_equal(images, before)
    assert not np.shares_memory(columns, images)
    assert ((columns >= 0) & (columns <= 1)).all()


def test_integer_gray_levels_give_float64():
    out = flatten_and_scale(np.full((2, 8, 8), 8, dtype=np.int64))
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, np.full((64, 2), 0.5))


@pytest.mark.parametrize(
    "images, message",
    [
        (np.zeros((8, 8)), r"images must be a 3-D array of shape \(k, rows, cols\)"),
        (np.zeros((0, 8, 8)), r"images is empty"),
        (np.full((1, 8, 8), 255.0), r"gray levels from 0 to 16"),
        (np.full((1, 8, 8), -1.0), r"gray levels from 0 to 16"),
        (np.array([[["a"]]]), r"images must be an array of real numbers"),
    ],
)
def test_bad_input_is_named(images, message):
    with pytest.raises(ValueError, match=message):
        flatten_and_scale(images)
