from builder.doc import LINE_REASONS, REJECT_REASONS, LineReason, RejectReason


def test_every_reason_code_is_documented():
    assert set(REJECT_REASONS) == set(RejectReason)
    assert set(LINE_REASONS) == set(LineReason)
    assert all(code.value.replace("_", "").isalpha() for code in [*RejectReason, *LineReason])
