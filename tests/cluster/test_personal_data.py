from cluster.personal_data import (
    find_personal_data,
    is_valid_id_card,
    mask_address,
    mask_id_card,
    mask_name,
    mask_phone,
    mask_text,
)

ID_NUMBER = "11010519491231002X"  # the GB 11643 standard's own example


def test_id_card_check_digit():
    assert is_valid_id_card(ID_NUMBER)
    assert not is_valid_id_card("110105194912310021")


def test_finds_id_and_mobile_numbers_with_positions():
    text = f"申请人身份证{ID_NUMBER}，电话 139-1234-5678，办公电话0739-5221234。"
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == ["身份证号码", "手机号码"]
    assert text[findings[0].start : findings[0].end] == ID_NUMBER


def test_office_numbers_and_document_numbers_are_not_personal_data():
    assert find_personal_data("联系电话：0739-5221234，云政办发〔2026〕12号，邮编422000") == []


def test_masking():
    assert mask_id_card(ID_NUMBER) == "110105********002X"
    assert mask_phone("+86 139 1234 5678") == "139****5678"
    assert mask_name("张三丰") == "张**"
    assert mask_address("湖南省云溪市溪城区人民路1号") == "湖南省云溪市****"
    assert mask_text(f"号码{ID_NUMBER}和13912345678") == "号码110105********002X和139****5678"


OLD_ID = "110105491231002"  # a 15-digit ID of the kind issued before 1999
BAD_CHECK = "110105194912310021"  # right shape, wrong check character


def test_full_width_digits_are_found_and_masked():
    text = "身份证１１０１０５１９４９１２３１００２Ｘ，手机１３９１２３４５６７８"
    assert [f.kind for f in find_personal_data(text)] == ["身份证号码", "手机号码"]
    assert mask_text(text) == "身份证110105********002X，手机139****5678"


def test_old_fifteen_digit_ids_are_found_and_masked():
    findings = find_personal_data(f"旧身份证号{OLD_ID}。")
    assert [(f.kind, f.value) for f in findings] == [("身份证号码", OLD_ID)]
    assert mask_text(f"号{OLD_ID}") == "号110105******002"


def test_ids_typed_with_spaces_or_invisible_characters_are_found():
    for spaced in (
        "110105 19491231 002X",
        "1101 0519 4912 3100 2X",
        "110105\u300019491231\u3000002X",
        "110105\u200b19491231\u00a0002X",
    ):
        text = f"证件号：{spaced}。"
        assert [f.value for f in find_personal_data(text)] == [spaced], spaced
        assert mask_text(text) == "证件号：110105********002X。"


def test_number_next_to_another_number_is_still_found():
    assert mask_text(f"编号 12 {ID_NUMBER}") == "编号 12 110105********002X"


def test_id_failing_its_checksum_is_masked_in_full():
    assert [f.kind for f in find_personal_data(BAD_CHECK)] == ["身份证号码"]
    assert mask_text(f"身份证{BAD_CHECK}") == "身份证" + "*" * 18
    assert mask_id_card(BAD_CHECK) == "*" * 18


def test_known_names_are_masked_in_free_text():
    summary = "经查，申请人王小明所申请的信息不存在。"
    assert mask_text(summary, names=["王小明"]) == "经查，申请人王**所申请的信息不存在。"


def test_ordinary_numbers_with_spaces_are_not_taken_for_ids():
    assert find_personal_data("2026年 第 12 期，共 1500 3000 0000 份") == []
