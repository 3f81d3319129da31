"""Approval-result notices (行政许可结果公示, 双公示) fed by the city's approval system."""
