using PlatformSdk.Errors;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Errors;

namespace PlatformSdk.Logistics.Tests;

/// <summary>
/// One test per shipment refusal of docs/rules.md: the platform's exact message, and the same message in the noisy forms the
/// platforms send it in (surrounding text and ids, full-width characters, spaces, case, inside a JSON error body), each
/// explained to its rule and category.
/// </summary>
public sealed class ShipmentErrorRowTests
{
    [Fact]
    [Rule("RLOG-01")]
    public void RLOG01_an_empty_sender_address_is_a_configuration_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "无效的联系人,请检查发货人相关信息", "RLOG-01", ErrorCategory.Configuration);
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "#CD08", "RLOG-01", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-02")]
    public void RLOG02_an_unknown_carrier_code_asks_for_best_code_3()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "物流代码不存在", "RLOG-02", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-03")]
    public void RLOG03_incomplete_carrier_data_points_at_yunda_express_vs_freight()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Suning, "请检查物流编码或其他信息是否完整", "RLOG-03", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-04")]
    public void RLOG04_invalid_biz_101_is_a_carrier_mapping_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Suning, "biz.custom.addorderdelivery.invalid-biz:101", "RLOG-04", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-05")]
    public void RLOG05_a_missing_carrier_id_is_a_mapping_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Alibaba1688, "cpCode and cpId can't be all null", "RLOG-05", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-07")]
    public void RLOG07_a_repeated_shipment_is_already_done_never_resent()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "业务服务错误成功发货次数已达上限,请勿重复操作", "RLOG-07", ErrorCategory.AlreadyDone);
    }

    [Fact]
    [Rule("RLOG-10")]
    public void RLOG10_too_many_sub_order_ids_is_a_validation_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "the length of subTid can not be larger than 500", "RLOG-10", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-11")]
    public void RLOG11_a_partly_shipped_split_order_is_already_done()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "拆单校验未通过#P38", "RLOG-11", ErrorCategory.AlreadyDone);
    }

    [Fact]
    [Rule("RLOG-12")]
    public void RLOG12_an_illegal_parameter_means_redo_the_carrier_mapping()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Alibaba1688, "非法参数", "RLOG-12", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-13")]
    public void RLOG13_an_order_awaiting_receipt_is_already_shipped()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Alibaba1688, "发货失败,订单状态为[等待买家收货]", "RLOG-13", ErrorCategory.AlreadyDone);
    }

    [Fact]
    [Rule("RLOG-14")]
    public void RLOG14_an_order_marked_out_of_stock_is_a_business_rule()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "订单已被缺货处理", "RLOG-14", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-15")]
    public void RLOG15_a_wrong_number_format_or_carrier_is_a_mapping_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "物流单号格式错误", "RLOG-15", ErrorCategory.Configuration);
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "物流公司代码或者快递公司名不存在", "RLOG-15", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-16")]
    public void RLOG16_a_traffic_peak_is_transient()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "系统当前正处于访问高峰,稍后重试即可成功", "RLOG-16", ErrorCategory.Transient);
    }

    [Fact]
    [Rule("RLOG-17")]
    public void RLOG17_a_blacklisted_tracking_number_is_a_business_rule()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "风控拦截#WB_MAILNO_BLACK#", "RLOG-17", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-18")]
    public void RLOG18_the_order_id_format_message_is_a_timeout_with_unknown_outcome()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "order_id 格式错误, 暂只接收母订单", "RLOG-18", ErrorCategory.Transient);
    }

    [Fact]
    [Rule("RLOG-19")]
    public void RLOG19_an_unrecognised_waybill_needs_a_pdd_e_waybill()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "暂时无法识别该运单号", "RLOG-19", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-20")]
    public void RLOG20_other_consign_fail_is_transient()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "发货失败#通知交易异常 #OTHER_CONSIGN_FAIL", "RLOG-20", ErrorCategory.Transient);
    }

    [Fact]
    [Rule("RLOG-21")]
    public void RLOG21_a_recycled_waybill_number_is_a_validation_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "此单号已取消,请重新取号后发货", "RLOG-21", ErrorCategory.Validation);
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "#CONSIGN_RISK_CONTROL_BLOCK", "RLOG-21", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-22")]
    public void RLOG22_a_mismatched_delivery_method_is_a_validation_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "发货方式不匹配 #B98", "RLOG-22", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-23")]
    public void RLOG23_no_shippable_order_means_refunded_sub_orders()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "没有能发货的订单,请修改后重试", "RLOG-23", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-24")]
    public void RLOG24_an_unsupported_carrier_is_a_mapping_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "暂不支持该物流公司或物流商已失效", "RLOG-24", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-26")]
    public void RLOG26_a_number_that_does_not_fit_the_carrier_is_a_mapping_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "运单号不符合规则,请核对单号大小写、单号位数、快递公司是否正确", "RLOG-26", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-27")]
    public void RLOG27_nothing_left_to_ship_is_already_done()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Youzan, "订单没有可发货的商品", "RLOG-27", ErrorCategory.AlreadyDone);
    }

    [Fact]
    [Rule("RLOG-28")]
    public void RLOG28_a_missing_after_sale_address_is_a_configuration_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "无售后信息,请小店后台补充后操作", "RLOG-28", ErrorCategory.Configuration);
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "无默认售后地址", "RLOG-28", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-29")]
    public void RLOG29_an_insufficient_shippable_quantity_is_a_business_rule()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Aikucun, "可以实发的数量不足", "RLOG-29", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-31")]
    public void RLOG31_a_used_number_is_a_validation_error_on_any_platform()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Vipshop, "运单号不符合规则或已使用", "RLOG-31", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-32")]
    public void RLOG32_an_order_not_found_yet_is_transient()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Alibaba1688, "发货失败,订单不存在或者不属于当前发货人", "RLOG-32", ErrorCategory.Transient);
    }

    [Fact]
    [Rule("RLOG-33")]
    public void RLOG33_a_subsidised_order_points_at_mapping_and_pdd_e_waybills()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "补贴订单请前往商家后台发货", "RLOG-33", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-34")]
    public void RLOG34_a_waybill_missing_in_qinglong_is_a_configuration_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.JD, "运单没有在青龙系统生成", "RLOG-34", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-35")]
    public void RLOG35_a_refund_to_handle_is_a_business_rule_on_any_platform()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Youzan, "发货失败,订单有退款需要处理", "RLOG-35", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-36")]
    public void RLOG36_some_orders_not_shippable_is_a_business_rule_on_any_platform()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "系统错误:部分订单不符合发货条件", "RLOG-36", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-37")]
    public void RLOG37_cd01_is_a_third_party_failure_with_unknown_outcome()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Tmall, "CD01#通知交易异常 #CD01", "RLOG-37", ErrorCategory.Transient);
    }

    [Fact]
    [Rule("RLOG-38")]
    public void RLOG38_a_non_numeric_tid_is_an_offline_order()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Taobao, "the value of tid is not number", "RLOG-38", ErrorCategory.Validation);
    }

    [Fact]
    [Rule("RLOG-39")]
    public void RLOG39_an_unknown_partner_means_authorize_again()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Gegejia, "非法的合作者信息,账号不存在", "RLOG-39", ErrorCategory.Authentication);
    }

    [Fact]
    [Rule("RLOG-40")]
    public void RLOG40_a_backend_timeout_is_transient_with_unknown_outcome()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Alibaba1688, "底层服务调用失败", "RLOG-40", ErrorCategory.Transient);
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Alibaba1688, "HSFTimeOutException", "RLOG-40", ErrorCategory.Transient);
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Alibaba1688, "errorCode\":\"003002\"", "RLOG-40", ErrorCategory.Transient);
    }

    [Fact]
    [Rule("RLOG-41")]
    public void RLOG41_qps_over_limit_is_throttled()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "QPS over limit", "RLOG-41", ErrorCategory.Throttled);
    }

    [Fact]
    [Rule("RLOG-42")]
    public void RLOG42_a_connection_timeout_is_transient()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Vipshop, "Connection timed out", "RLOG-42", ErrorCategory.Transient);
    }

    [Fact]
    [Rule("RLOG-43")]
    public void RLOG43_a_pending_sub_process_is_a_business_rule()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "存在子流程需要处理", "RLOG-43", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-44")]
    public void RLOG44_the_app_key_message_is_platform_instability()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "认证失败,app_key不存在", "RLOG-44", ErrorCategory.Transient);
    }

    [Fact]
    [Rule("RLOG-45")]
    public void RLOG45_an_order_with_sf_surcharge_must_ship_sf()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "增加运费订单请用顺丰发货", "RLOG-45", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-46")]
    public void RLOG46_two_concurrent_shipments_are_throttled()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Youzan, "不能同时发起两笔相同的发货请求", "RLOG-46", ErrorCategory.Throttled);
    }

    [Fact]
    [Rule("RLOG-47")]
    public void RLOG47_an_unformed_group_buy_is_a_business_rule_on_any_platform()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Suning, "订单待成团,需要成团才能发货", "RLOG-47", ErrorCategory.BusinessRule);
    }

    [Fact]
    [Rule("RLOG-48")]
    public void RLOG48_an_expired_token_is_authentication()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "access_token已过期", "RLOG-48", ErrorCategory.Authentication);
    }

    [Fact]
    [Rule("RLOG-49")]
    public void RLOG49_the_120_second_message_is_throttled_with_its_delay()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "网络超时异常,请120秒后重试", "RLOG-49", ErrorCategory.Throttled);
    }

    [Fact]
    [Rule("RLOG-50")]
    public void RLOG50_calling_too_often_is_throttled()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Pinduoduo, "订单调用过于频繁,请调整调用频率", "RLOG-50", ErrorCategory.Throttled);
    }

    [Fact]
    [Rule("RLOG-51")]
    public void RLOG51_an_unknown_carrier_code_and_name_is_a_mapping_error_on_any_platform()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Douyin, "物流公司代码和快递公司名不存在", "RLOG-51", ErrorCategory.Configuration);
    }

    [Fact]
    [Rule("RLOG-52")]
    public void RLOG52_a_split_sub_order_is_a_validation_error()
    {
        ShipmentErrorAssert.Explains(ShipmentPlatforms.Alibaba1688, "failed to convert map to pojo", "RLOG-52", ErrorCategory.Validation);
    }
}
