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
