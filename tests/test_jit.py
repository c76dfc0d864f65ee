from builder.jit import compiled


@compiled(inline="always")
def _double(value):
    return 2 * value


@compiled(nogil=True)
def _double_all(values):
    total = 0
    for value in values:
        total += _double(value)  # a compiled function calling another one
    return total


def test_first_call_compiles_every_registered_function_in_place():
    assert _double_all((1, 2, 3)) == 12
    assert type(globals()["_double_all"]).__name__ == "CPUDispatcher"
    assert type(globals()["_double"]).__name__ == "CPUDispatcher"
    assert globals()["_double_all"]((5,)) == 10
