"""On-request disclosure (依申请公开), deadlines, annual reports and approval results."""
