module example.com/sample-service

go 1.26
