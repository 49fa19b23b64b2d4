"""Images as the course's data: one flattened, scaled image per column."""

from ._checks import as_float_array, require_nonempty

GRAY_LEVELS = 16.0  # scikit-learn's digits: every pixel is a gray level from 0 (paper) to 16 (ink)


def flatten_and_scale(images):
    """k gray-level images as a (pixels, k) array, one image per column, pixels scaled to [0, 1].

    Column ``i`` is image ``i`` read row by row (its first row, then its second,
    ...), the order of scikit-learn's ``digits.data``, and every gray level is
    divided by 16. For the digits' (k, 8, 8) images the result is (64, k). The
    input is not modified.

    Parameters
    ----------
    images : array (k, rows, cols) of gray levels from 0 to 16

    Returns
    -------
    float64 array (rows * cols, k), entries in [0, 1], a new array.

    Exercise
    --------
    ``flatten_and_scale`` in chapter ``07_training``, graded by
    ``test_flatten_and_scale_values``, ``test_flatten_and_scale_shape`` and
    ``test_flatten_and_scale_input_unchanged``; its corpus is
    ``tests/corpus/07_training/flatten_and_scale/``.
    """
    images = as_float_array("images", images)
    if images.ndim != 3:
        raise ValueError(
            f"images must be a 3-D array of shape (k, rows, cols), one image per entry, got {images.shape}"
        )
    require_nonempty("images", images)
    if not ((images >= 0) & (images <= GRAY_LEVELS)).all():
        raise ValueError("images must hold gray levels from 0 to 16, found values outside that range")
    k = images.shape[0]
    return images.reshape(k, -1).T / GRAY_LEVELS
